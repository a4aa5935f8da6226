namespace Analytics.Dashboard.Disclosure;

/// <summary>
/// What a published per-capita rate tells about its count when the population beside it is known (the audit assumes
/// every population is): rate r, rounded to two decimals, of count c over population P per <c>per</c> people says
/// (r − 0.005)·P ≤ per·c ≤ (r + 0.005)·P.
/// </summary>
public static class PublishedRateFact
{
    private const double HalfRounding = 0.005;

    public static PublishedFact For(int cell, decimal rate, long population, decimal per)
    {
        var r = (double)rate;
        return new PublishedFact([(cell, (double)per)], (r - HalfRounding) * population, (r + HalfRounding) * population);
    }
}
