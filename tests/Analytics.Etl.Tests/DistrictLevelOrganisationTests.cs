using Analytics.Etl.Loading;
using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>
/// 社会组织 registered with the district itself (区级社会组织) name no 街镇: their rows load without a town, keep their
/// district, and only a named but unknown 街镇 or an unknown district is still quarantined.
/// </summary>
[Collection(EtlCollection.Name)]
public sealed class DistrictLevelOrganisationTests(DemoDropFixture drop) : IDisposable
{
    private const string Organisations = "socialorg/2024Q3/organisations.csv";
    private readonly TestBed _bed = new(drop);

    public void Dispose() => _bed.Dispose();

    private long SocialOrgRows => _bed.FeedRows("socialorg", "2024Q3");

    [Fact]
    public void An_organisation_without_a_town_is_loaded_as_a_district_level_row_of_its_district()
    {
        _bed.Copy("socialorg", "2024Q3");
        var orgId = _bed.Cell(Organisations, 5, "org_id");
        var district = _bed.Cell(Organisations, 5, "district_code");
        _bed.SetCell(Organisations, 5, "town_name", "");

        var result = _bed.Load("socialorg", "2024Q3");

        _bed.AssertCounts(result, SocialOrgRows, SocialOrgRows, 0);
        Assert.Equal(district, _bed.Text($"SELECT district_code FROM fact_socialorg_organisations WHERE org_id = '{orgId}' AND town_key IS NULL"));
        Assert.Equal(1, _bed.Scalar("SELECT count(*) FROM fact_socialorg_organisations WHERE town_key IS NULL"));
    }

    [Fact]
    public void A_named_but_unknown_town_is_still_quarantined_against_the_town_field()
    {
        _bed.Copy("socialorg", "2024Q3");
        var district = _bed.Cell(Organisations, 5, "district_code");
        _bed.SetCell(Organisations, 5, "town_name", "火星街道");

        var result = _bed.Load("socialorg", "2024Q3");

        _bed.AssertOneQuarantined(result, SocialOrgRows, Organisations, 5, "town_name", $"街镇(town_name)：区划 {district} 下没有街镇「火星街道」");
    }

    [Fact]
    public void A_district_level_row_of_an_unknown_district_is_quarantined_against_the_district_field()
    {
        _bed.Copy("socialorg", "2024Q3");
        _bed.SetCell(Organisations, 5, "town_name", "");
        _bed.SetCell(Organisations, 5, "district_code", "310199");

        var result = _bed.Load("socialorg", "2024Q3");

        _bed.AssertOneQuarantined(result, SocialOrgRows, Organisations, 5, "district_code", "区划代码(district_code)：未知区划代码「310199」");
    }
}
