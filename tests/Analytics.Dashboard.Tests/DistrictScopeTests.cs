using Analytics.DuckDb;
using System.Net;
using System.Text.RegularExpressions;
using Analytics.Dashboard.Briefings;
using Analytics.Dashboard.Leadership;
using Analytics.Dashboard.Security;
using Analytics.Metrics;
using Analytics.Reports.Generation;
using Analytics.Warehouse;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// A district bureau's staff see their own districts only: every leader and evaluator route, taken from the host's
/// endpoint data source (so a new route cannot slip past), answers 404 for another district's rubric, 街镇, district or
/// briefing, while pickers, lists and defaults show only the user's districts.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class DistrictScopeTests(DashboardFixture fixture)
{
    private const string Songjiang = "310117";
    private const string Qingpu = "310118";

    private static readonly DistrictScope SongjiangOnly = DistrictScope.Of([Songjiang])!;

    [Fact]
    public void Every_leader_and_evaluator_route_is_behind_the_district_filter()
    {
        var patterns = StaffEndpoints().Select(e => e.RoutePattern.RawText!).ToList();
        Assert.Contains("/leader/scorecard", patterns);
        Assert.Contains("/leader/briefings", patterns);
        Assert.Contains("/evaluator", patterns);
        Assert.Contains("/api/leader/briefings/{id:long}/pdf", patterns);
        Assert.Contains("/api/evaluator/findings", patterns);
        Assert.All(patterns, p => Assert.True(DistrictScopeMiddleware.IsScoped(new PathString(p)), $"{p} is not district-scoped"));
    }

    [Fact]
    public async Task Another_districts_rubric_town_district_or_briefing_is_404_on_every_staff_route()
    {
        var foreignBriefing = await BriefingOfFirstTownAsync(Qingpu);
        var foreignTown = Uri.EscapeDataString(FirstTown(Qingpu));
        var client = await fixture.SignedInAsAsync("scope-songjiang", SongjiangOnly, Roles.Leader, Roles.Evaluator);
        var token = await DashboardFixture.AntiforgeryTokenAsync(client, "/leader/scorecard");
        var tried = 0;
        foreach (var endpoint in StaffEndpoints())
        {
            var path = RouteParameter().Replace(endpoint.RoutePattern.RawText!, foreignBriefing.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
            string[] queries = [$"rubric=qingpu-2024&period=2024Q4", $"town={foreignTown}", $"district={Qingpu}"];
            if (methods.Contains(HttpMethods.Get))
            {
                if (path != endpoint.RoutePattern.RawText)
                {
                    Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
                    tried++;
                }

                foreach (var query in queries)
                {
                    var response = await client.GetAsync($"{path}?{query}");
                    Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {path}?{query} answered {(int)response.StatusCode}");
                    tried++;
                }
            }

            if (methods.Contains(HttpMethods.Post))
            {
                foreach (var form in new Dictionary<string, string>[]
                         {
                             new() { ["rubric"] = "qingpu-2024", ["period"] = "2024Q4" },
                             new() { ["town"] = FirstTown(Qingpu) },
                             new() { ["district"] = Qingpu, ["period"] = "2024Q4" },
                         })
                {
                    form["__RequestVerificationToken"] = token;
                    var response = await client.PostAsync(path, new FormUrlEncodedContent(form));
                    Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {path} {string.Join(",", form.Keys)} answered {(int)response.StatusCode}");
                    tried++;
                }
            }
        }

        Assert.True(tried >= 30, $"only {tried} requests tried");
    }

    [Fact]
    public async Task A_district_user_still_reaches_its_own_district_and_a_city_user_reaches_every_district()
    {
        var qingpuBriefing = await BriefingOfFirstTownAsync(Qingpu);
        var qingpu = await fixture.SignedInAsAsync("scope-own", DistrictScope.Of([Qingpu])!, Roles.Leader);
        Assert.Equal(HttpStatusCode.OK, (await qingpu.GetAsync("/leader/scorecard?rubric=qingpu-2024&period=2024Q4")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await qingpu.GetAsync($"/leader/scorecard/town?rubric=qingpu-2024&period=2024Q4&town={Uri.EscapeDataString(FirstTown(Qingpu))}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await qingpu.GetAsync($"/api/leader/briefings/{qingpuBriefing}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await qingpu.GetAsync("/leader/scorecard?rubric=songjiang-2024&period=2024Q4")).StatusCode);

        var city = await fixture.SignedInAsAsync("scope-city", DistrictScope.City, Roles.Leader);
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync("/leader/scorecard?rubric=qingpu-2024&period=2024Q4")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync($"/api/leader/briefings/{qingpuBriefing}/pdf")).StatusCode);
    }

    [Fact]
    public async Task Pickers_lists_and_defaults_show_only_the_users_districts()
    {
        await BriefingOfFirstTownAsync(Qingpu);
        var client = await fixture.SignedInAsAsync("scope-pickers", SongjiangOnly, Roles.Leader);
        var parser = new HtmlParser();

        var scorecard = parser.ParseDocument(await client.GetStringAsync("/leader/scorecard"));
        var rubrics = scorecard.QuerySelectorAll("select[name=rubric] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(RubricCatalog.All.Where(r => r.District.Code == Songjiang).Select(r => r.Id), rubrics);
        Assert.Equal("songjiang-2024", scorecard.QuerySelector("select[name=rubric] option[selected]")?.GetAttribute("value"));

        var evaluator = parser.ParseDocument(await client.GetStringAsync("/evaluator"));
        Assert.Equal(rubrics, evaluator.QuerySelectorAll("select[name=rubric] option").Select(o => o.GetAttribute("value")).ToList());

        var briefings = parser.ParseDocument(await client.GetStringAsync("/leader/briefings"));
        Assert.All(briefings.QuerySelectorAll("select[name=district]"), select =>
            Assert.Equal(select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")).Where(v => v != "").ToList(), [Songjiang]));
        Assert.DoesNotContain("全部四个区", briefings.Body!.TextContent);
        Assert.DoesNotContain("青浦区", briefings.Body!.TextContent);

        var compare = await client.GetStringAsync("/api/leader/compare?format=csv");
        Assert.Contains("松江区", compare);
        Assert.DoesNotContain("青浦区", compare);
        Assert.DoesNotContain("普陀区", compare);
        var comparePage = parser.ParseDocument(await client.GetStringAsync("/leader/compare"));
        Assert.DoesNotContain("青浦区", comparePage.QuerySelector("main")!.TextContent);
    }

    /// <summary>The routes that need the leader or evaluator role (or the evaluator page's policy).</summary>
    private List<RouteEndpoint> StaffEndpoints() =>
        fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(IsStaff).ToList();

    private static bool IsStaff(Endpoint endpoint)
    {
        var attributes = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        var roles = attributes.SelectMany(a => (a.Roles ?? "").Split(',', StringSplitOptions.TrimEntries))
            .Concat(endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>()
                .SelectMany(p => p.Requirements.OfType<RolesAuthorizationRequirement>()).SelectMany(r => r.AllowedRoles))
            .ToList();
        return roles.Contains(Roles.Leader) || roles.Contains(Roles.Evaluator) || attributes.Any(a => a.Policy == JudgementPolicy.Name);
    }

    private string FirstTown(string district)
    {
        using var connection = fixture.Services.GetRequiredService<WarehouseDatabase>().Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(town_code) FROM dim_region WHERE district_code = $1 AND valid_to IS NULL";
        command.Parameters.AddValue(district);
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>The index id of a real 成绩单 of the district's first 街镇 for 2024Q4, generated when missing.</summary>
    private async Task<long> BriefingOfFirstTownAsync(string district)
    {
        var town = FirstTown(district);
        // The metric tables brought up to date under the leadership pages' gate, so that the generator finds nothing to refresh.
        fixture.Services.GetRequiredService<LeadershipScores>().Read(_ => 0);
        var briefings = fixture.Services.GetRequiredService<BriefingService>();
        if (briefings.Index.List("2024Q4", district).FirstOrDefault(e => e.TownCode == town) is not { } entry)
        {
            Assert.True(AssessmentPeriod.TryParse("2024Q4", out var period));
            await briefings.GenerateAsync(new BriefingRequest(period, district, town), CancellationToken.None);
            entry = briefings.Index.List("2024Q4", district).Single(e => e.TownCode == town);
        }

        return entry.Id;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
