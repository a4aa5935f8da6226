using Analytics.Sources.Catalog;

namespace Analytics.Etl.Extraction;

/// <summary>Compares a file's header with the catalog and describes what is missing or extra, in Chinese.</summary>
public static class HeaderCheck
{
    /// <summary>Null when the header has exactly the catalog's columns (in any order), else the problem.</summary>
    public static string? Problem(FileSpec spec, IReadOnlyList<string> header)
    {
        var expected = spec.ColumnNames;
        var missing = expected.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        var extra = header.Where(c => !expected.Contains(c, StringComparer.Ordinal)).ToList();
        var duplicated = header.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var parts = new List<string>();
        if (missing.Count > 0)
        {
            parts.Add($"缺少列 {string.Join("、", missing)}");
        }

        if (extra.Count > 0)
        {
            parts.Add($"多出列 {string.Join("、", extra)}");
        }

        if (duplicated.Count > 0)
        {
            parts.Add($"重复列 {string.Join("、", duplicated)}");
        }

        return parts.Count == 0 ? null : string.Join("；", parts);
    }

    /// <summary>Throws a file-level error when the header does not match.</summary>
    public static void Require(FileSpec spec, IReadOnlyList<string> header, string displayName)
    {
        if (header.Count == 0)
        {
            throw new EtlException($"{displayName}：文件为空，没有表头 (empty file)。");
        }

        var problem = Problem(spec, header);
        if (problem is not null)
        {
            throw new EtlException($"{displayName}：表头与数据规范不符：{problem} (header does not match docs/sources.md)。");
        }
    }
}
