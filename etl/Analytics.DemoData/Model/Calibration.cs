namespace Analytics.DemoData.Model;

/// <summary>Songjiang's published 2023 actuals (shared/reference/calibration.md): the anchor every district is scaled from.</summary>
public static class Calibration
{
    /// <summary>The district the figures belong to.</summary>
    public const string SongjiangCode = "310117";

    /// <summary>Year of the anchor figures; growth is applied relative to its last month.</summary>
    public const int AnchorYear = 2023;

    public const int SongjiangResidents = 1_910_000;

    public const int DibaoYearEnd = 3995;
    public const int LowIncomeYearEnd = 1715;
    public const int SevereDisabilityYearEnd = 2029;
    public const int TekunYearEnd = 80;
    public const int FestivalReliefCases = 54_600;
    public const int VerificationHouseholds = 17_475;
    public const int CloudSupervisedInstitutions = 33;
    public const double SkillCertificateRate = 0.881;
    public const int SocialOrganisations = 823;
    public const int SocialGroups = 148;
    public const int SocialServiceAgencies = 675;
    public const int RatedOrganisations = 276;
    public const int InspectionsDue = 804;
    public const int InspectionsSubmitted = 745;
    public const int OrganisationsRegistered = 29;
    public const int OrganisationsCancelled = 21;
    public const int SubsidisedMeals = 1_394_700;

    /// <summary>Not published; a plausible count of 临时救助 人次 for a district of Songjiang's size.</summary>
    public const int TemporaryAssistanceCases = 1_450;

    /// <summary>Not published; a plausible count of 支出型贫困 recipients at year end.</summary>
    public const int ExpenditurePovertyYearEnd = 160;

    /// <summary>Average 就餐补贴 per subsidised meal: 405.75 万元 / 139.47 万人次.</summary>
    public const decimal SubsidyPerMeal = 2.91m;
}
