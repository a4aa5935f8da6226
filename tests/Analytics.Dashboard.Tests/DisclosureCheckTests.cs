using Analytics.Dashboard.Disclosure;

namespace Analytics.Dashboard.Tests;

/// <summary>The exact check of a published system, and the secondary suppression it drives, on the cases of issue 14.</summary>
public sealed class DisclosureCheckTests
{
    private readonly SuppressionPolicy _policy = new(10);

    // 青浦区 2025Q3 临时救助人次 per 街镇 in the full demo warehouse (demo generate, seed default, 2022Q1–2025Q4).
    private static readonly (string Town, long Value)[] Qingpu =
    [
        ("华新镇", 11), ("夏阳街道", 9), ("徐泾镇", 9), ("朱家角镇", 13), ("白鹤镇", 27), ("盈浦街道", 33),
        ("练塘镇", 33), ("赵巷镇", 45), ("重固镇", 9), ("金泽镇", 22), ("香花桥街道", 15),
    ];

    private static (PublishedSystem System, long[] Values, AdditiveRelation[] Relations) QingpuTable(Func<int, long, CellState> state)
    {
        long[] values = [Qingpu.Sum(t => t.Value), .. Qingpu.Select(t => t.Value)];
        var relations = new[] { new AdditiveRelation(0, Enumerable.Range(1, Qingpu.Length).ToList()) };
        var system = new PublishedSystem();
        for (var i = 0; i < values.Length; i++)
        {
            system.Add(i == 0 ? "青浦区" : Qingpu[i - 1].Town, values[i], state(i, values[i]));
        }

        system.Relations.AddRange(relations);
        return (system, values, relations);
    }

    [Fact]
    public void Qingpu_2025Q3_temporary_assistance_as_published_before_gave_away_each_hidden_cell_as_9()
    {
        // Only the primary "<10" cells hidden, two or more per total: 226 − 199 = 27 = 9 + 9 + 9.
        var (system, _, _) = QingpuTable((_, v) => v is > 0 and < 10 ? CellState.BelowThreshold : CellState.Shown);

        var protections = DisclosureCheck.Run(system, _policy);

        Assert.Equal(["夏阳街道", "徐泾镇", "重固镇"], protections.Select(p => system.Cells[p.Cell].Key));
        Assert.All(protections, p => Assert.Equal(new CellInterval(9, 9), p.Interval));
        Assert.All(protections, p => Assert.False(p.IsProtected));
    }

    [Fact]
    public void Qingpu_2025Q3_temporary_assistance_now_keeps_each_hidden_cell_anywhere_from_1_to_9()
    {
        var (_, values, relations) = QingpuTable((_, _) => CellState.Shown);
        var states = _policy.Suppress(values, relations);
        var (system, _, _) = QingpuTable((i, _) => states[i]);

        var protections = DisclosureCheck.Run(system, _policy).ToDictionary(p => system.Cells[p.Cell].Key);

        // The smallest shown 街镇 (华新镇, 11) is hidden too: the four hidden cells share 38.
        Assert.Equal(["夏阳街道", "徐泾镇", "重固镇", "华新镇"], protections.Keys.OrderBy(k => k == "华新镇"));
        Assert.Equal(CellState.Complementary, protections["华新镇"].State);
        Assert.Equal(new CellInterval(11, 35), protections["华新镇"].Interval);
        foreach (var town in new[] { "夏阳街道", "徐泾镇", "重固镇" })
        {
            Assert.Equal(new CellInterval(1, 9), protections[town].Interval);
        }

        Assert.All(protections.Values, p => Assert.True(p.IsProtected));
        Assert.Equal(226, system.Cells[0].Value);
    }

    [Fact]
    public void A_small_total_of_small_parts_is_protected_down_to_what_the_marks_alone_allow()
    {
        // 3 = 1 + 2 + 0: anyone knows the total is at least 2 and each part at most 8; no suppression can hide that.
        var system = new PublishedSystem();
        var total = system.Add("区", 3, CellState.BelowThreshold);
        var parts = new[] { system.Add("甲", 1, CellState.BelowThreshold), system.Add("乙", 2, CellState.BelowThreshold), system.Add("丙", 0, CellState.Shown) };
        system.Relate(total, parts);

        var protections = DisclosureCheck.Run(system, _policy);

        Assert.Equal(new CellInterval(2, 9), protections[0].Interval);
        Assert.Equal(new CellInterval(2, 9), protections[0].Required);
        Assert.Equal(new CellInterval(1, 8), protections[1].Interval);
        Assert.All(protections, p => Assert.True(p.IsProtected));
    }

    [Fact]
    public void A_shown_year_on_year_change_of_a_hidden_cell_gives_it_away()
    {
        // Last year 10 (shown), this year "<10" with 同比 −10.0%: 100·now lies within (100 − 10 ± 0.05)·10, so now = 9.
        var system = new PublishedSystem();
        var now = system.Add("2025Q3", 9, CellState.BelowThreshold);
        var before = system.Add("2024Q3", 10, CellState.Shown);
        system.Facts.Add(new PublishedFact([(now, 100), (before, -(100 - 10.0 + 0.05))], double.NegativeInfinity, 0));
        system.Facts.Add(new PublishedFact([(now, 100), (before, -(100 - 10.0 - 0.05))], 0, double.PositiveInfinity));

        var protection = Assert.Single(DisclosureCheck.Run(system, _policy));

        Assert.Equal(new CellInterval(9, 9), protection.Interval);
        Assert.False(protection.IsProtected);
    }

    [Fact]
    public void A_complement_narrower_than_the_band_is_not_protected()
    {
        // 5 + 12 = 17: the "×" cell lies in 10..16, six wide, less than the eight of a "<10" band.
        var system = new PublishedSystem();
        var total = system.Add("区", 17, CellState.Shown);
        system.Relate(total, [system.Add("甲", 5, CellState.BelowThreshold), system.Add("乙", 12, CellState.Complementary)]);

        var protections = DisclosureCheck.Run(system, _policy);

        Assert.Equal(new CellInterval(1, 7), protections[0].Interval);
        Assert.Equal(new CellInterval(10, 16), protections[1].Interval);
        Assert.Equal(8, _policy.ComplementaryWidth);
        Assert.All(protections, p => Assert.False(p.IsProtected));
    }
}
