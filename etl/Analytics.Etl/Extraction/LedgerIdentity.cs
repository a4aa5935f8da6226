using Analytics.Sources;
using Analytics.Sources.Catalog;
using Analytics.Sources.Regions;

namespace Analytics.Etl.Extraction;

/// <summary>
/// A ledger belongs to the 街镇 its file name says (<c>区_街镇.xlsx</c>): the district and 街镇 in its cells must be
/// that district and 街镇, so a copied or swapped file cannot put one town's figures under another's name.
/// </summary>
internal static class LedgerIdentity
{
    /// <summary>The file's district, or null when the name is outside the pattern <c>区_街镇.xlsx|.csv</c> with a known district.</summary>
    public static District? DistrictOf(string fileName) =>
        DropLayout.TryParseLedgerFileName(fileName, out var district, out _) ? RegionReference.Default.FindDistrict(district) : null;

    /// <summary>Throws <see cref="EtlException"/> naming both when a row's district code or 街镇 is not the file name's.</summary>
    public static void Require(FileSpec spec, string relative, IEnumerable<SourceRow> rows)
    {
        DropLayout.TryParseLedgerFileName(relative, out var districtName, out var townName);
        var district = RegionReference.Default.FindDistrict(districtName)!;
        var districtField = IndexOf(spec, "district_code");
        var townField = IndexOf(spec, "town_name");
        foreach (var row in rows.Where(r => r.Problem is null))
        {
            var cellDistrict = row.Fields[districtField]?.Trim() ?? "";
            var cellTown = row.Fields[townField]?.Trim() ?? "";
            if (RegionReference.Default.FindDistrict(cellDistrict) != district || !SameTown(district, cellTown, townName))
            {
                var cellDistrictName = RegionReference.Default.FindDistrict(cellDistrict)?.Name ?? cellDistrict;
                throw new EtlException(
                    $"{relative}：第 {row.RowNumber} 行填报的是 {cellDistrictName}（{cellDistrict}）{cellTown}，与文件名 {districtName}_{townName} 不符，已拒绝装载该季度台账 (ledger content does not match its file name)。");
            }
        }
    }

    private static bool SameTown(District district, string cellTown, string fileTown)
    {
        if (TownAliases.Normalise(cellTown) == TownAliases.Normalise(fileTown))
        {
            return true;
        }

        // An alias (岳阳 for 岳阳街道) names the same town.
        var cell = RegionReference.Default.FindTown(cellTown, district.Code);
        return cell is not null && cell == RegionReference.Default.FindTown(fileTown, district.Code);
    }

    private static int IndexOf(FileSpec spec, string column) => spec.ColumnNames.ToList().IndexOf(column);
}
