using Analytics.Dashboard.Leadership;
using Analytics.Metrics;

namespace Analytics.Dashboard.Tests.Browser;

/// <summary>At 375 px the key figures and actions stay on screen: the drill-down's 得分, the evaluator's scores and form, the radar's labels.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneBrowserTests(BrowserFixture fixture)
{
    private const int Width = 375;

    [Fact]
    public async Task The_drill_down_shows_every_items_score_on_screen_as_a_card()
    {
        var town = fixture.ExpectedScore.Towns[0].Town;
        await using var session = await SignedInAsync(BrowserFixture.Leader);
        await session.GotoAsync(LeaderLinks.Town(RubricCatalog.Get(BrowserFixture.RubricId), Period(), town.TownCode));

        var scores = session.Page.Locator("table.items tbody td.score");
        Assert.Equal(town.Result.Items.Count, await scores.CountAsync());
        await session.AssertOnScreenAsync(scores);
        await session.AssertNoHorizontalOverflowAsync();
        await session.ScreenshotAsync("town-score-phone");
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task The_evaluator_sees_each_items_score_and_the_form_fields_on_screen()
    {
        await using var session = await SignedInAsync(BrowserFixture.Evaluator);
        await session.GotoAsync($"/evaluator?rubric={BrowserFixture.RubricId}&period={BrowserFixture.Period}");

        var scores = session.Page.Locator("table.judgements tbody td.score");
        Assert.True(await scores.CountAsync() > 0, "songjiang-2024 has 视情给分 items");
        await session.AssertOnScreenAsync(scores);
        await session.AssertOnScreenAsync(session.Page.Locator(".judgement-grid td.entry input, .judgement-grid td.entry-reason textarea"));
        await session.AssertNoHorizontalOverflowAsync();
        await session.ScreenshotAsync("evaluator-phone");
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task The_profile_radar_keeps_every_label_inside_the_chart()
    {
        var town = fixture.ExpectedScore.Towns[0].Town;
        await using var session = await SignedInAsync(BrowserFixture.Leader);
        await session.GotoAsync(LeaderLinks.Profile(RubricCatalog.Get(BrowserFixture.RubricId), Period(), town.TownCode));

        await session.AssertChartsDrawnAsync(".radar");
        var outside = await session.Page.EvaluateAsync<string[]>("""
            () => {
              const chart = document.querySelector('.radar .chart').getBoundingClientRect();
              return [...document.querySelectorAll('.radar .chart svg text')]
                .filter(t => t.textContent.trim().length > 0)
                .filter(t => { const r = t.getBoundingClientRect(); return r.left < chart.left - 1 || r.right > chart.right + 1; })
                .map(t => t.textContent);
            }
            """);
        Assert.Empty(outside);
        await session.AssertNoHorizontalOverflowAsync();
        await session.ScreenshotAsync("town-profile-phone");
        await session.AssertNoProblemsAsync();
    }

    private static AssessmentPeriod Period()
    {
        Assert.True(AssessmentPeriod.TryParse(BrowserFixture.Period, out var period));
        return period;
    }

    private async Task<BrowserSession> SignedInAsync(string user)
    {
        var session = await fixture.OpenAsync(Width, 812);
        await session.SignInAsync(user, BrowserFixture.Password);
        return session;
    }
}
