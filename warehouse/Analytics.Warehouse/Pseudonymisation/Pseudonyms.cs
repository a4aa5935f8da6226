namespace Analytics.Warehouse.Pseudonymisation;

/// <summary>The SQL form of the keyed HMAC-SHA256 pseudonym, so DuckDB pseudonymises whole columns at once.</summary>
public static class Pseudonyms
{
    /// <summary>Hex characters kept of the HMAC (128 bits).</summary>
    public const int Length = 32;

    /// <summary>Parameter names the expression expects, bound to <see cref="PseudonymKey.Pads"/>.</summary>
    public const string InnerPadParameter = "hmac_inner";
    public const string OuterPadParameter = "hmac_outer";

    /// <summary>HMAC(key, value) = H(outer || H(inner || value)), first 32 hex characters; NULL stays NULL.</summary>
    public static string SqlExpression(string valueExpression) =>
        $"substr(sha256(${OuterPadParameter} || unhex(sha256(${InnerPadParameter} || encode({valueExpression})))), 1, {Length})";
}
