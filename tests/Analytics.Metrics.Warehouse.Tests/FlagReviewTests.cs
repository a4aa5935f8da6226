using Analytics.Metrics.Warehouse.Anomalies;

namespace Analytics.Metrics.Warehouse.Tests;

/// <summary>The flag workflow's store: reviews with history, and which flags a briefing still reports.</summary>
[Collection(WarehouseCollection.Name)]
public sealed class FlagReviewTests(WarehouseFixture fixture)
{
    private AnomalyFlag Flag(string kind) => AnomalyDetection.Run(fixture.Connection, store: false).First(f => f.Kind == kind);

    [Fact]
    public void A_review_keeps_every_change_newest_first_and_the_latest_is_the_flags_state()
    {
        var flag = Flag(AnomalyKinds.SuddenDrop);
        var store = new FlagReviewStore(fixture.Connection);
        store.Record(flag, FlagStatus.Pending, "李科员", null, "reviewer-a", new DateTime(2025, 1, 6, 9, 0, 0, DateTimeKind.Utc));
        store.Record(flag, FlagStatus.Corrected, "李科员", "街镇重报台账，已更正", "reviewer-b", new DateTime(2025, 1, 8, 9, 0, 0, DateTimeKind.Utc));
        var history = store.History(FlagReviewStore.Key(flag));
        Assert.Equal([(FlagStatus.Corrected, "reviewer-b", "街镇重报台账，已更正"), (FlagStatus.Pending, "reviewer-a", (string?)null)],
            history.Select(h => (h.Status, h.ChangedBy, h.Note)).ToList());
        var current = store.Current()[FlagReviewStore.Key(flag)];
        Assert.Equal(FlagStatus.Corrected, current.Status);
        Assert.Equal("李科员", current.Owner);
        Assert.Equal(flag.Message, current.Message);
    }

    [Fact]
    public void A_handled_status_needs_a_note_and_an_unknown_status_is_refused()
    {
        var flag = Flag(AnomalyKinds.LedgerMismatch);
        var store = new FlagReviewStore(fixture.Connection);
        Assert.Equal("标记为已整改须写明核实或处理情况",
            Assert.Throws<RubricInputException>(() => store.Record(flag, FlagStatus.Remedied, null, " ", "reviewer")).Message);
        Assert.StartsWith("未知处理状态 done",
            Assert.Throws<RubricInputException>(() => store.Record(flag, "done", null, "x", "reviewer")).Message, StringComparison.Ordinal);
        Assert.Empty(store.History(FlagReviewStore.Key(flag)));
    }

    [Fact]
    public void A_handled_flag_is_not_reported_again_unless_its_sentence_changed()
    {
        var flag = Flag(AnomalyKinds.DuplicatePayments);
        Assert.True(FlagReviewStore.NeedsReporting(flag, null));
        var review = new FlagReviewStore(fixture.Connection).Record(flag, FlagStatus.Verified, "张科长", "核实为补发，非重复", "reviewer");
        Assert.False(FlagReviewStore.NeedsReporting(flag, review));
        Assert.True(FlagReviewStore.NeedsReporting(flag with { Message = flag.Message + "（数据更新）" }, review));
        Assert.True(FlagReviewStore.NeedsReporting(flag, review with { Status = FlagStatus.Pending }));
    }
}
