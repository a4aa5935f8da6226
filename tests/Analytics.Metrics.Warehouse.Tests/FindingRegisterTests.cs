using System.Text.Json;
using Analytics.Metrics.Warehouse.Findings;

namespace Analytics.Metrics.Warehouse.Tests;

/// <summary>The 督查发现台账 on the real warehouse file: findings, corrections, withdrawals, inspections and their history.</summary>
[Collection(WarehouseCollection.Name)]
public sealed class FindingRegisterTests(WarehouseFixture fixture)
{
    private static readonly Rubric Changning = RubricCatalog.Get("changning-2023");
    private static readonly AssessmentPeriod Year = AssessmentPeriod.ForYear(2023);

    private string Town(int index) => fixture.Rows(
        "SELECT DISTINCT town_code FROM dim_region WHERE district_code = '310105' ORDER BY town_code")[index][0]!.ToString()!;

    [Fact]
    public void A_correction_and_a_withdrawal_keep_who_when_old_new_and_why()
    {
        var store = new FindingStore(fixture.Connection);
        var town = Town(7);
        var at = new DateTime(2023, 11, 20, 9, 30, 0, DateTimeKind.Utc);
        var added = store.Add(Changning, Year, new FindingEntry(town, "E2.1", null, new DateOnly(2023, 11, 15), "抽查", 2,
            "两处公示栏未张贴公示名单", "长民救〔2023〕12 号检查记录"), "考核员 张三", at);
        Assert.Equal(("findings.publicity", 2, false), (added.InputName, added.Cases, added.Withdrawn));

        var corrected = store.Correct(Changning, added.Id, new FindingEntry(town, "E2.1", null, new DateOnly(2023, 11, 15), "督查", 3,
            "三处公示栏未张贴公示名单", "长民救〔2023〕12 号检查记录"), "考核员 李四", "复核照片后发现第三处", at.AddDays(1));
        Assert.Equal((3, "督查", "考核员 李四"), (corrected.Cases, corrected.FoundBy, corrected.ChangedBy));
        Assert.Equal("考核员 张三", corrected.RecordedBy);

        var withdrawn = store.Withdraw(Changning, added.Id, "考核员 王五", "街镇申诉成立：公示已按时张贴", at.AddDays(2));
        Assert.True(withdrawn.Withdrawn);
        Assert.Single(store.List(Changning.Id, "2023", town), f => f.Id == added.Id && f.Withdrawn);

        var history = store.History(Changning.Id, "2023", town).Where(h => h.FindingId == added.Id).ToList();
        Assert.Equal(["add", "correct", "withdraw"], history.Select(h => h.Action));
        Assert.Equal(["考核员 张三", "考核员 李四", "考核员 王五"], history.Select(h => h.ChangedBy));
        Assert.Equal([at, at.AddDays(1), at.AddDays(2)], history.Select(h => h.ChangedAt));
        Assert.Null(history[0].OldValue);
        Assert.Equal(2, Cases(history[1].OldValue));
        Assert.Equal(3, Cases(history[1].NewValue));
        Assert.Equal("复核照片后发现第三处", history[1].Reason);
        Assert.False(Withdrawn(history[2].OldValue));
        Assert.True(Withdrawn(history[2].NewValue));
        Assert.Equal("街镇申诉成立：公示已按时张贴", history[2].Reason);
        Assert.Throws<RubricInputException>(() => store.Withdraw(Changning, added.Id, "考核员 王五", "再次撤销"));
    }

    [Fact]
    public void Closing_and_reopening_an_inspection_are_kept_in_the_history()
    {
        var store = new FindingStore(fixture.Connection);
        var town = Town(8);
        store.Close(Changning, Year, town, "D2.3", "考核员 张三", "已检查，未发现问题");
        Assert.NotNull(store.Inspection(Changning.Id, "2023", town, "D2.3"));
        Assert.Throws<RubricInputException>(() => store.Close(Changning, Year, town, "D2.3", "考核员 张三", "重复结项"));

        store.Reopen(Changning, Year, town, "D2.3", "考核员 李四", "群众来信反映名单录入有误，重新检查");
        Assert.Null(store.Inspection(Changning.Id, "2023", town, "D2.3"));
        var history = store.History(Changning.Id, "2023", town).Where(h => h.ItemCode == "D2.3").ToList();
        Assert.Equal(["close", "reopen"], history.Select(h => h.Action));
        Assert.Equal(["已检查，未发现问题", "群众来信反映名单录入有误，重新检查"], history.Select(h => h.Reason));
    }

    [Theory]
    [InlineData("E1.1", null, "2023", "检查", 1, "发现途径")]
    [InlineData("E1.1", null, "2023", "抽查", 0, "至少为 1")]
    [InlineData("E1.1", null, "2023Q3", "抽查", 1, "年度考")]
    [InlineData("A1.1", null, "2023", "抽查", 1, "没有按督查发现计分的评分项")]
    [InlineData("G2", null, "2023", "巡视", 1, "须指明")]
    [InlineData("G2", "findings.publicity", "2023", "巡视", 1, "不读取输入项")]
    [InlineData("E1.1", null, "2024", "抽查", 1, "不一致")]
    public void The_register_refuses_an_invalid_finding_with_a_reason(string item, string? input, string period, string foundBy, int cases, string message)
    {
        var store = new FindingStore(fixture.Connection);
        AssessmentPeriod.TryParse(period, out var p);
        var town = Town(9);
        var e = Assert.Throws<RubricInputException>(() => store.Add(Changning, p, new FindingEntry(town, item, input, new DateOnly(2023, 6, 1), foundBy,
            cases, "描述", "佐证"), "考核员"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(store.List(Changning.Id, null, town), f => f.ItemCode == item);
    }

    [Fact]
    public void A_finding_needs_a_description_evidence_and_a_town_of_the_district()
    {
        var store = new FindingStore(fixture.Connection);
        Assert.Throws<RubricInputException>(() => store.Add(Changning, Year, new FindingEntry(Town(9), "E1.1", null, new DateOnly(2023, 6, 1), "抽查", 1,
            "描述", " "), "考核员"));
        var e = Assert.Throws<RubricInputException>(() => store.Add(Changning, Year, new FindingEntry("310117/永丰街道", "E1.1", null,
            new DateOnly(2023, 6, 1), "抽查", 1, "描述", "佐证"), "考核员"));
        Assert.Contains("没有街镇", e.Message, StringComparison.Ordinal);
    }

    private static int Cases(string? json) => JsonDocument.Parse(json!).RootElement.GetProperty("cases").GetInt32();

    private static bool Withdrawn(string? json) => JsonDocument.Parse(json!).RootElement.GetProperty("withdrawn").GetBoolean();
}
