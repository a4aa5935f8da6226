using Bogus;

namespace Analytics.DemoData;

/// <summary>Chinese surnames and given names drawn once from Bogus's zh_CN locale, then combined with <see cref="FastRandom"/> in the hot path.</summary>
public sealed class NamePool
{
    private readonly string[] _lastNames;
    private readonly string[] _firstNames;

    /// <summary>Samples the pools from Bogus with a fixed seed, so the same seed always yields the same pools.</summary>
    public NamePool(int seed)
    {
        var faker = new Faker("zh_CN") { Random = new Randomizer(seed) };
        _lastNames = Sample(() => faker.Name.LastName(), 2000);
        _firstNames = Sample(() => faker.Name.FirstName(), 4000);
    }

    public string FullName(ref FastRandom random) =>
        string.Concat(_lastNames[random.Next(_lastNames.Length)], _firstNames[random.Next(_firstNames.Length)]);

    // Distinct values in first-seen order: deterministic, and duplicates would skew name frequencies.
    private static string[] Sample(Func<string> next, int draws)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>();
        for (var i = 0; i < draws; i++)
        {
            var value = next();
            if (seen.Add(value)) list.Add(value);
        }
        return list.ToArray();
    }
}
