namespace Analytics.DemoData;

/// <summary>Size of a generated drop.</summary>
public enum DemoScale
{
    /// <summary>The four seed districts (48 towns), calibrated to Songjiang 2023; about two million rows for 2022Q1–2025Q4.</summary>
    Demo,
    /// <summary>216 towns (48 real + 12 synthetic districts) with volumes inflated for the ETL benchmark (≥ 20 million payment rows over 4 years).</summary>
    City,
}
