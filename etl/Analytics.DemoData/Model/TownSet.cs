using Analytics.Sources.Regions;

namespace Analytics.DemoData.Model;

/// <summary>Builds the towns to generate: the 48 real ones, plus synthetic districts for the city-scale benchmark.</summary>
public static class TownSet
{
    /// <summary>Real districts: 常住人口 (2020 census), 户籍 share of residents, elderly share of 户籍.</summary>
    private static readonly Dictionary<string, (int Residents, double Registered, double Elderly)> RealDistricts = new()
    {
        ["310117"] = (1_910_000, 0.36, 0.30),
        ["310118"] = (1_270_000, 0.41, 0.33),
        ["310105"] = (690_000, 0.86, 0.40),
        ["310107"] = (1_240_000, 0.72, 0.40),
    };

    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

    /// <summary>Synthetic districts added in city mode: 12 × 14 towns, so 48 + 168 = 216.</summary>
    public const int SyntheticDistricts = 12;

    public const int SyntheticTownsPerDistrict = 14;

    public static IReadOnlyList<TownProfile> Build(RegionReference regions, long seed, bool city)
    {
        var towns = new List<TownProfile>();
        foreach (var district in regions.Districts)
        {
            var (residents, registered, elderly) = RealDistricts[district.Code];
            var profile = new DistrictProfile(district.Code, district.Name, residents, registered, elderly,
                (double)residents / Calibration.SongjiangResidents, Synthetic: false);
            AddDistrict(towns, profile, regions.TownsOf(district).ToList(), seed);
        }
        if (!city) return towns;
        for (var d = 0; d < SyntheticDistricts; d++)
        {
            var code = (319001 + d).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var name = $"模拟{Numerals[d]}区";
            var residents = 900_000 + 60_000 * d;
            var profile = new DistrictProfile(code, name, residents, 0.55, 0.35, (double)residents / Calibration.SongjiangResidents, Synthetic: true);
            var district = new District(code, name);
            var list = new List<Town>();
            for (var t = 1; t <= SyntheticTownsPerDistrict; t++)
            {
                var type = t <= 8 ? TownType.Subdistrict : TownType.Township;
                var townName = type == TownType.Subdistrict ? $"{name}第{t:D2}街道" : $"{name}第{t:D2}镇";
                list.Add(new Town(district, townName, type, TownAliases.For(townName)));
            }
            AddDistrict(towns, profile, list, seed);
        }
        return towns;
    }

    private static void AddDistrict(List<TownProfile> towns, DistrictProfile district, List<Town> members, long seed)
    {
        // Town sizes vary by a log-normal factor; the draw depends only on the seed and district.
        var random = FastRandom.For(seed, long.Parse(district.Code), 1);
        var weights = members.Select(_ => Math.Exp(0.45 * random.NextGaussian())).ToArray();
        var total = weights.Sum();
        for (var i = 0; i < members.Count; i++)
        {
            var share = weights[i] / total;
            var quality = Math.Clamp(0.78 + 0.1 * random.NextGaussian(), 0.55, 0.98);
            var residents = (int)Math.Round(district.Residents * share);
            var registered = (int)Math.Round(residents * district.RegisteredShare * random.Between(0.9, 1.1));
            var elderly = (int)Math.Round(registered * district.ElderlyShare * random.Between(0.9, 1.1));
            towns.Add(new TownProfile(towns.Count, members[i], district, i + 1, share, quality, residents, registered, elderly));
        }
    }
}
