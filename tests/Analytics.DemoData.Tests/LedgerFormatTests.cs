using System.Text;
using Analytics.Sources;
using DocumentFormat.OpenXml.Packaging;
using ExcelDataReader;

namespace Analytics.DemoData.Tests;

/// <summary>Ledgers come as .xlsx, UTF-8 CSV with BOM and GB18030 CSV, and each reads back with its Chinese intact.</summary>
[Collection(DemoDropCollection.Name)]
public sealed class LedgerFormatTests(DemoDrop drop)
{
    private string[] Ledgers(string pattern) => Directory.GetFiles(Path.Combine(drop.Root, "ledger"), pattern, SearchOption.AllDirectories);

    private static bool HasBom(string path) => File.ReadAllBytes(path).AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);

    [Fact]
    public void All_three_formats_are_used()
    {
        var csv = Ledgers("*.csv");
        Assert.NotEmpty(Ledgers("*.xlsx"));
        Assert.Contains(csv, HasBom);
        Assert.Contains(csv, p => !HasBom(p));
    }

    [Fact]
    public void Gb18030_ledger_reads_back_as_chinese_and_is_not_utf8()
    {
        var path = Ledgers("*.csv").First(p => !HasBom(p));
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(LedgerEncoding.Gb18030CodePage, LedgerEncoding.Detect(bytes).CodePage);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));
        var text = LedgerEncoding.Gb18030.GetString(bytes);
        Assert.StartsWith("区划代码,街镇,季度", text);
        DropLayout.TryParseLedgerFileName(Path.GetFileName(path), out _, out var town);
        Assert.Contains(town, text);
    }

    [Fact]
    public void Utf8_ledger_has_a_bom_and_reads_back_as_chinese()
    {
        var path = Ledgers("*.csv").First(HasBom);
        Assert.Equal(Encoding.UTF8.CodePage, LedgerEncoding.Detect(File.ReadAllBytes(path)).CodePage);
        Assert.StartsWith("区划代码,街镇,季度", LedgerEncoding.ReadAllText(path));
    }

    [Fact]
    public void Xlsx_ledger_opens_with_OpenXml_and_has_labels_codes_and_numbers()
    {
        var path = Ledgers("*.xlsx").First();
        var (labels, codes, values) = LedgerReader.Read(path);
        Assert.Equal("区划代码", labels[0]);
        Assert.Equal("violations_review_process", codes[Array.IndexOf(labels, "违反受理审核审批流程例数")]);
        Assert.True(int.TryParse(values[Array.IndexOf(codes, "staff_assistance_workers")], out _));
        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        Assert.Equal(DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook, document.DocumentType);
    }

    [Fact]
    public void Xlsx_ledger_is_readable_by_ExcelDataReader_as_the_loader_reads_it()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var path = Ledgers("*.xlsx").First();
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            rows.Add(row);
        }
        Assert.Equal(3, rows.Count);
        Assert.Equal("区划代码", rows[0][0]);
        Assert.Equal("district_code", rows[1][0]);
        var (_, codes, values) = LedgerReader.Read(path);
        Assert.Equal(values, rows[2].Select(v => v ?? ""));
        Assert.Equal(codes, rows[1]);
    }
}
