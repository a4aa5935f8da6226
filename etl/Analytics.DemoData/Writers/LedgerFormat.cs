namespace Analytics.DemoData.Writers;

/// <summary>How a town submits its ledger; real towns mix all three.</summary>
public enum LedgerFormat
{
    Xlsx,
    CsvUtf8,
    CsvGb18030,
}
