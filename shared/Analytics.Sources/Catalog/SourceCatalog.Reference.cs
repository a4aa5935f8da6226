namespace Analytics.Sources.Catalog;

public static partial class SourceCatalog
{
    /// <summary>Kinds of region change (区划调整).</summary>
    public static IReadOnlyList<AllowedValue> RegionChangeTypes { get; } =
    [
        V("rename", "更名"), V("merge", "撤并"), V("split", "析出"), V("establish", "新设"), V("abolish", "撤销"),
    ];

    private static FeedSpec Reference => new(
        "reference", SourceSystem.RegionReference, "人口与区划基础数据",
        "Population per town (户籍人口, 常住人口, 户籍老年人口) and region changes.",
        [
            new FileSpec("reference", "population", "街镇人口",
                "one row per town at quarter end", ["district_code", "town_name"],
                [
                    DistrictCode,
                    ColumnSpec.Text("district_name", "区"),
                    TownName,
                    ColumnSpec.Coded("town_type", "街镇类型", V("subdistrict", "街道"), V("township", "镇")),
                    ColumnSpec.Count("registered_population", "户籍人口", "人", Aggregation.Last) with { Minimum = 1 },
                    ColumnSpec.Count("resident_population", "常住人口", "人", Aggregation.Last) with { Minimum = 1 },
                    ColumnSpec.Count("registered_elderly", "户籍老年人口（60岁及以上）", "人", Aggregation.Last),
                    ColumnSpec.Count("residents_committees", "居委会数", "个", Aggregation.Last),
                ]) { IsSnapshot = true },
            new FileSpec("reference", "region_changes", "区划变更",
                "one row per change taking effect in the quarter", ["change_id"],
                [
                    ColumnSpec.Id("change_id", "变更编号"),
                    ColumnSpec.Date("effective_date", "生效日期"),
                    new("change_type", ColumnType.String, true, "变更类型", AllowedValues: RegionChangeTypes),
                    DistrictCode,
                    ColumnSpec.Text("old_town_name", "原街镇", required: false),
                    ColumnSpec.Text("new_town_name", "新街镇", required: false),
                    ColumnSpec.Text("note", "说明", required: false),
                ]) { PeriodColumn = "effective_date" },
        ]);
}
