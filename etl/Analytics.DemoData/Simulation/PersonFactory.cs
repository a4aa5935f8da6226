using Analytics.Sources;

namespace Analytics.DemoData.Simulation;

/// <summary>Makes people with zh_CN names and valid 身份证号 registered in the town's district.</summary>
public sealed class PersonFactory(NamePool names)
{
    public string Name(ref FastRandom random) => names.FullName(ref random);

    /// <summary>A valid id with the district's region code and a birth date between the given years.</summary>
    public static string CitizenIdFor(string districtCode, int bornFrom, int bornTo, ref FastRandom random)
    {
        var birth = new DateOnly(random.Next(bornFrom, bornTo + 1), 1, 1).AddDays(random.Next(365));
        return CitizenId.Create(districtCode, birth, random.Next(1, 1000)).Value;
    }

    /// <summary>Birth-year range typical of each category.</summary>
    public static (int From, int To) BirthYears(AssistanceCategory category) => category switch
    {
        AssistanceCategory.Tekun => (1930, 1962),
        AssistanceCategory.SevereDisability => (1962, 2004),
        AssistanceCategory.HardshipRelief => (1935, 1975),
        _ => (1940, 2003),
    };
}
