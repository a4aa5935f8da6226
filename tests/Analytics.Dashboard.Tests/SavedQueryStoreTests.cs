using Analytics.Dashboard.SavedQueries;
using Analytics.Dashboard.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>The saved-query store on the host's real state file: validation, uniqueness per author, sharing, the author's rights and the audit rows.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SavedQueryStoreTests(DashboardFixture fixture)
{
    private SavedQueryStore Store => fixture.Services.GetRequiredService<SavedQueryStore>();

    private AuditLog Audit => fixture.Services.GetRequiredService<AuditLog>();

    [Fact]
    public void Empty_title_and_sql_are_refused_beside_their_fields()
    {
        var outcome = Store.Create("store-empty", new SavedQueryDraft("  ", "", "   ", false, null));
        Assert.False(outcome.Succeeded);
        Assert.Equal("请填写标题。", outcome.TitleError);
        Assert.Equal("SQL 不能为空。", outcome.SqlError);
        Assert.Empty(Store.OwnedBy("store-empty"));
    }

    [Fact]
    public void Titles_are_unique_per_author_but_not_across_authors()
    {
        Assert.True(Store.Create("store-a", new SavedQueryDraft("街镇数", null, "SELECT 1", false, null)).Succeeded);
        var again = Store.Create("store-a", new SavedQueryDraft(" 街镇数 ", null, "SELECT 2", false, null));
        Assert.Equal("你已有名为「街镇数」的查询，请换一个标题。", again.TitleError);
        Assert.True(Store.Create("store-b", new SavedQueryDraft("街镇数", null, "SELECT 3", false, null)).Succeeded);
        Assert.Single(Store.OwnedBy("store-a"));
    }

    [Fact]
    public void A_shared_query_is_seen_by_others_but_changed_only_by_its_author_and_every_step_is_audited()
    {
        var chart = new ChartSettings(ChartSettings.Line, "quarter", ["n"]);
        var saved = Store.Create("store-owner", new SavedQueryDraft("按季度", "说明", "SELECT 1 AS n", true, chart)).Saved!;
        Assert.Equal(chart.Kind, Store.Find(saved.Id, "store-other")!.Chart!.Kind);
        Assert.Equal(["n"], Store.Find(saved.Id, "store-other")!.Chart!.Series);
        Assert.Contains(Store.SharedWith("store-other"), q => q.Id == saved.Id && q.Author == "store-owner");
        Assert.DoesNotContain(Store.SharedWith("store-owner"), q => q.Id == saved.Id);

        Assert.Equal("只有查询的作者可以修改或删除它。", Store.Update(saved.Id, "store-other", new SavedQueryDraft("改", null, "SELECT 2", true, null)).Error);
        Assert.False(Store.Delete(saved.Id, "store-other"));

        var renamed = Store.Update(saved.Id, "store-owner", new SavedQueryDraft("按季度（新）", null, "SELECT 2 AS n", false, null));
        Assert.Equal("按季度（新）", renamed.Saved!.Title);
        Assert.Null(Store.Find(saved.Id, "store-other"));
        Assert.True(Store.Delete(saved.Id, "store-owner"));
        Assert.Null(Store.Find(saved.Id, "store-owner"));

        var actions = Audit.Search(new AuditFilter(User: "store-owner")).Select(e => e.Action).Reverse().ToList();
        Assert.Equal(
            [SavedQueryStore.SaveAction, SavedQueryStore.ShareAction, SavedQueryStore.SaveAction, SavedQueryStore.UnshareAction, SavedQueryStore.DeleteAction],
            actions);
        var rename = Audit.Search(new AuditFilter(User: "store-owner", Action: SavedQueryStore.SaveAction), 1).Single();
        Assert.Equal($"{{\"Id\":{saved.Id},\"Title\":\"按季度（新）\",\"RenamedFrom\":\"按季度\",\"Shared\":false}}", rename.Detail);
    }
}
