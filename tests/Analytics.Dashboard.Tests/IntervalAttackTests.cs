using Analytics.Dashboard.Disclosure;

namespace Analytics.Dashboard.Tests;

/// <summary>The linear-programming attack on its own: exact whole-number intervals of hidden cells.</summary>
public sealed class IntervalAttackTests
{
    private static readonly UnknownCell Small = new(1, 9);
    private static readonly UnknownCell Large = new(10, null);

    private static LinearFact Sum(double total, params int[] cells) => new(cells.Select(c => (c, 1.0)).ToList(), total, total);

    [Fact]
    public void Three_small_cells_that_share_27_are_each_recovered_as_9()
    {
        var intervals = IntervalAttack.Solve([Small, Small, Small], [Sum(27, 0, 1, 2)]);
        Assert.All(intervals, i => Assert.Equal(new CellInterval(9, 9), i));
        Assert.All(intervals, i => Assert.True(i.IsExact));
    }

    [Fact]
    public void A_small_cell_beside_a_large_one_loses_the_top_of_its_band()
    {
        // p + c = 17 with p in 1..9 and c at least 10: p is at most 7, c between 10 and 16.
        var intervals = IntervalAttack.Solve([Small, Large], [Sum(17, 0, 1)]);
        Assert.Equal(new CellInterval(1, 7), intervals[0]);
        Assert.Equal(new CellInterval(10, 16), intervals[1]);
        Assert.Equal(6, intervals[1].Width);
    }

    [Fact]
    public void A_cell_only_bounded_below_stays_unbounded_above()
    {
        // x − y = 5 with x ≥ 10 and y ≥ 10: x from 15 up, y from 10 up, neither bounded.
        var intervals = IntervalAttack.Solve([Large, Large], [new LinearFact([(0, 1.0), (1, -1.0)], 5, 5)]);
        Assert.Equal(new CellInterval(15, null), intervals[0]);
        Assert.Equal(new CellInterval(10, null), intervals[1]);
        Assert.Null(intervals[0].Width);
        Assert.False(intervals[0].IsExact);
    }

    [Fact]
    public void Fractional_bounds_are_rounded_inwards_to_whole_counts()
    {
        // 50 ≤ 12x ≤ 60: x between 4.17 and 5, so exactly 5.
        var intervals = IntervalAttack.Solve([Small], [new LinearFact([(0, 12.0)], 50, 60)]);
        Assert.Equal(new CellInterval(5, 5), intervals[0]);
    }

    [Fact]
    public void Cells_without_a_shared_fact_are_attacked_apart_and_keep_their_own_bounds()
    {
        var intervals = IntervalAttack.Solve([Small, Small, Small, Large, Small], [Sum(10, 0, 1), Sum(25, 2, 3)]);
        Assert.Equal(new CellInterval(1, 9), intervals[0]);
        Assert.Equal(new CellInterval(1, 9), intervals[1]);
        Assert.Equal(new CellInterval(1, 9), intervals[2]);
        Assert.Equal(new CellInterval(16, 24), intervals[3]);
        Assert.Equal(new CellInterval(1, 9), intervals[4]);
    }

    [Fact]
    public void Facts_that_contradict_each_other_are_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => IntervalAttack.Solve([Small, Small], [Sum(30, 0, 1)]));
        Assert.Contains("contradict", error.Message, StringComparison.Ordinal);
    }
}
