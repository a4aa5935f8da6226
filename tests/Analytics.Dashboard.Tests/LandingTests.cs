using System.Net;
using Analytics.Dashboard.Security;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// After signing in without a return URL each role lands on its work. The fixture holds 2024Q3–2024Q4: 长宁's only
/// scheme (2023) has no data, so the first district with results is 普陀 (putuo-2024, quarterly: its latest quarter);
/// 普陀 has no 视情给分, so an evaluator lands on 青浦 (qingpu-2024, annual: the year, whose fourth quarter is loaded).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class LandingTests(DashboardFixture fixture)
{
    private const string Password = "landing-Passw0rd!";

    [Theory]
    [InlineData("landing-leader", new[] { Roles.Leader }, "/leader/scorecard?rubric=putuo-2024&period=2024Q4")]
    [InlineData("landing-evaluator", new[] { Roles.Evaluator }, "/evaluator?rubric=qingpu-2024&period=2024&status=pending")]
    [InlineData("landing-analyst", new[] { Roles.Analyst }, "/analyst/sql")]
    [InlineData("landing-admin", new[] { Roles.Admin }, "/admin")]
    [InlineData("landing-all", new[] { Roles.Analyst, Roles.Evaluator, Roles.Leader, Roles.Admin }, "/admin")]
    [InlineData("landing-leader-analyst", new[] { Roles.Analyst, Roles.Leader }, "/leader/scorecard?rubric=putuo-2024&period=2024Q4")]
    [InlineData("landing-evaluator-analyst", new[] { Roles.Analyst, Roles.Evaluator }, "/evaluator?rubric=qingpu-2024&period=2024&status=pending")]
    public async Task Each_role_lands_on_its_work_and_several_roles_on_the_first_of_admin_leader_evaluator_analyst(
        string username, string[] roles, string landing)
    {
        fixture.Services.GetRequiredService<UserStore>().Save(username, Password, roles);
        var (client, response) = await fixture.SignInAsync(username, Password, returnUrl: null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(landing, response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(landing)).StatusCode);
    }

    [Fact]
    public async Task A_local_return_url_wins_over_the_landing_page()
    {
        fixture.Services.GetRequiredService<UserStore>().Save("landing-return", Password, [Roles.Leader]);
        var (_, response) = await fixture.SignInAsync("landing-return", Password, returnUrl: "/leader/compare");

        Assert.Equal("/leader/compare", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_login_form_carries_a_return_url_only_when_one_was_given()
    {
        var client = fixture.Anonymous();
        var parser = new HtmlParser();

        var plain = parser.ParseDocument(await client.GetStringAsync("/account/login"));
        Assert.Equal("", plain.QuerySelector("input[name=returnUrl]")!.GetAttribute("value"));
        var withReturn = parser.ParseDocument(await client.GetStringAsync("/account/login?returnUrl=%2Fleader%2Fcompare"));
        Assert.Equal("/leader/compare", withReturn.QuerySelector("input[name=returnUrl]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_evaluator_landing_lists_only_items_still_to_score_with_a_link_to_all()
    {
        var client = await fixture.SignedInAsAsync("landing-evaluator-page", Roles.Evaluator);
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync("/evaluator?rubric=qingpu-2024&period=2024&status=pending"));

        Assert.True(document.QuerySelector("input[name=status]")!.HasAttribute("checked"));
        var scores = document.QuerySelectorAll("table.judgements tbody td.score").Select(td => td.TextContent).ToList();
        Assert.All(scores, score => Assert.Equal("待评", score));
        Assert.NotNull(document.QuerySelector("p.pending a[href^='/evaluator?rubric=qingpu-2024&period=2024&town=']"));
    }
}
