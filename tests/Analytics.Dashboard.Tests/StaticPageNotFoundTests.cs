using System.Net;
using AngleSharp.Html.Parser;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// An unknown path anywhere under the public site answers the styled Chinese 404 page with status 404, never a page
/// of the site with 200.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class StaticPageNotFoundTests(DashboardFixture fixture)
{
    [Theory]
    [InlineData("/districts/310107/nope")]
    [InlineData("/districts/310117/nope/more")]
    [InlineData("/districts/310117/towns")]
    [InlineData("/methodology/nope")]
    [InlineData("/methodology/rubric/nope")]
    [InlineData("/methodology/nope/more")]
    [InlineData("/open-data/nope")]
    [InlineData("/nope")]
    [InlineData("/districts")]
    [InlineData("/error/nope")]
    public async Task An_unknown_public_path_answers_the_styled_Chinese_404(string path)
    {
        var response = await fixture.Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("nav, header"));
        Assert.DoesNotContain("data-chart", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(page.QuerySelectorAll("table"), _ => true);
        Assert.Equal("页面不存在", page.QuerySelector(".error-page h1")?.TextContent);
    }
}
