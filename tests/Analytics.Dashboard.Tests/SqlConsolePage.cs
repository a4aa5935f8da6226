using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Analytics.Dashboard.Tests;

/// <summary>Runs a query through the console's own form (its hidden fields, antiforgery token included), as an analyst does.</summary>
internal static class SqlConsolePage
{
    public static async Task<IHtmlDocument> RunAsync(HttpClient client, string sql)
    {
        var form = new HtmlParser().ParseDocument(await client.GetStringAsync("/analyst/sql")).QuerySelector("form.sql-form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Sql"] = sql;
        var response = await client.PostAsync("/analyst/sql", new FormUrlEncodedContent(fields));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return new HtmlParser().ParseDocument(body);
    }
}
