using Analytics.Sources.Regions;

namespace Analytics.DemoData.Model;

/// <summary>One town as generated: its place, its share of the district, and its quality (which drives violations and overdue rates).</summary>
/// <param name="Index">Position in the generated town list; part of every id and random stream of the town.</param>
/// <param name="Sequence">1-based position within its district.</param>
/// <param name="Share">Fraction of the district's volumes that falls in this town.</param>
/// <param name="Quality">0.55–0.98: high means few violations, few overdue or returned verifications.</param>
public sealed record TownProfile(
    int Index,
    Town Town,
    DistrictProfile District,
    int Sequence,
    double Share,
    double Quality,
    int Residents,
    int Registered,
    int Elderly)
{
    /// <summary>Scale of this town relative to all of Songjiang.</summary>
    public double Weight => District.Scale * Share;

    /// <summary>Prefix of the town's numeric ids: district code and 3-digit sequence.</summary>
    public long IdPrefix => long.Parse(District.Code) * 1000 + Sequence;
}
