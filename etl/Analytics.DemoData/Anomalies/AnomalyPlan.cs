using Analytics.DemoData.Model;
using Analytics.Sources;

namespace Analytics.DemoData.Anomalies;

/// <summary>Chooses, from the seed, which town and quarter gets each anomaly; Songjiang is left clean so its calibration holds.</summary>
public sealed class AnomalyPlan
{
    public const decimal DropFactor = 0.3m;
    public const decimal SpikeFactor = 5m;
    public const int DuplicatedPayments = 24;
    public const int LowCertificateShare = 55;

    /// <summary>How many <see cref="AnomalyKind.SubsidyInflation"/> anomalies a drop with hard anomalies gets.</summary>
    public const int HardAnomalyCount = 6;

    /// <summary>The kinds every drop gets, one each; the hard kinds come only with <see cref="DemoOptions.HardAnomalies"/>.</summary>
    private static readonly AnomalyKind[] RuleKinds =
    [
        AnomalyKind.SuddenDrop, AnomalyKind.SuddenSpike, AnomalyKind.LedgerMismatch, AnomalyKind.DuplicatePayments,
        AnomalyKind.CertificateRateJump, AnomalyKind.MissingSubmission,
    ];

    private readonly List<InjectedAnomaly> _anomalies;

    private AnomalyPlan(List<InjectedAnomaly> anomalies) => _anomalies = anomalies;

    public IReadOnlyList<InjectedAnomaly> Anomalies => _anomalies;

    /// <summary>Replaces an anomaly once its size is known from the simulation (e.g. the mismatch relative to the system count).</summary>
    public void Update(InjectedAnomaly anomaly, Func<InjectedAnomaly, InjectedAnomaly> change)
    {
        var index = _anomalies.IndexOf(anomaly);
        _anomalies[index] = change(anomaly);
    }

    /// <summary>The anomaly of a kind for a town and quarter, or null.</summary>
    public InjectedAnomaly? Find(AnomalyKind kind, int townIndex, Quarter quarter)
    {
        var text = quarter.ToString();
        foreach (var a in _anomalies)
        {
            if (a.Kind == kind && a.TownIndex == townIndex && a.Quarter == text) return a;
        }
        return null;
    }

    /// <summary>The anomaly of a kind for a town in any quarter, or null.</summary>
    public InjectedAnomaly? ForTown(AnomalyKind kind, int townIndex) =>
        Anomalies.FirstOrDefault(a => a.Kind == kind && a.TownIndex == townIndex);

    public static AnomalyPlan Create(IReadOnlyList<TownProfile> towns, IReadOnlyList<Quarter> quarters, long seed, bool hard = false)
    {
        var random = FastRandom.For(seed, 9001);
        var candidates = towns.Where(t => t.District.Code != Calibration.SongjiangCode && !t.District.Synthetic).ToList();
        var anomalies = new List<InjectedAnomaly>();
        // Drops, spikes and jumps need earlier quarters to compare with: skip the first year when the range allows it.
        var skip = quarters.Count > 5 ? 4 : quarters.Count > 1 ? 1 : 0;
        var used = new HashSet<int>();
        foreach (var kind in RuleKinds)
        {
            TownProfile town;
            do town = candidates[random.Next(candidates.Count)];
            while (!used.Add(town.Index) && used.Count < candidates.Count);
            var quarter = quarters[skip + random.Next(quarters.Count - skip)];
            anomalies.Add(Describe(kind, town, quarter, anomalies.Count + 1));
        }
        if (hard) AddHard(anomalies, candidates, quarters, skip, used, seed);
        return new AnomalyPlan(anomalies);
    }

    /// <summary>Appends the hard anomalies from their own random stream, so the rule kinds' towns and quarters do not move.</summary>
    private static void AddHard(List<InjectedAnomaly> anomalies, List<TownProfile> candidates, IReadOnlyList<Quarter> quarters, int skip,
        HashSet<int> used, long seed)
    {
        var random = FastRandom.For(seed, 9002);
        for (var i = 0; i < HardAnomalyCount; i++)
        {
            TownProfile town;
            do town = candidates[random.Next(candidates.Count)];
            while (!used.Add(town.Index) && used.Count < candidates.Count);
            var quarter = quarters[skip + random.Next(quarters.Count - skip)];
            anomalies.Add(Describe(AnomalyKind.SubsidyInflation, town, quarter, anomalies.Count + 1));
        }
    }

    private static InjectedAnomaly Describe(AnomalyKind kind, TownProfile town, Quarter quarter, int number)
    {
        var (feed, file, indicator, description, magnitude, unit) = kind switch
        {
            AnomalyKind.SuddenDrop => ("eldercare", "meals", "eldercare.subsidised_meals",
                $"{quarter} 助餐人次骤降至正常水平的 {DropFactor * 100:0}%", DropFactor, "factor"),
            AnomalyKind.SuddenSpike => ("assistance", "payments", "assistance.temporary_cases",
                $"{quarter} 临时救助人次骤增为正常水平的 {SpikeFactor} 倍", SpikeFactor, "factor"),
            AnomalyKind.LedgerMismatch => ("ledger", SourceCatalogLedger, "dibao.recipients_reported",
                $"{quarter} 台账低保在册人数与社会救助信息系统不一致", 0m, "persons"),
            AnomalyKind.DuplicatePayments => ("assistance", "payments", "assistance.duplicate_payments",
                $"{quarter} 有 {DuplicatedPayments} 笔按月救助金重复发放（同一对象、同一月份、同一金额）", DuplicatedPayments, "rows"),
            AnomalyKind.CertificateRateJump => ("eldercare", "staff", "eldercare.certified_staff",
                $"{quarter} 养老机构人员持证率从约 {LowCertificateShare}% 一个季度内跃升至 100%", 100 - LowCertificateShare, "percentage_points"),
            AnomalyKind.SubsidyInflation => ("eldercare", "meals", "eldercare.subsidised_meals",
                $"{quarter} 全部助餐人次均申报为就餐补贴人次（正常约为 4/5），两项各自仍在正常范围内", 1.25m, "factor"),
            _ => ("ledger", SourceCatalogLedger, "ledger.submission",
                $"{quarter} 未报送街镇季度台账", 1m, "files"),
        };
        return new InjectedAnomaly($"A{number:D2}", kind, town.Index, town.District.Code, town.District.Name, town.Town.Name,
            quarter.ToString(), feed, file, indicator, $"{town.District.Name}{town.Town.Name}：{description}", magnitude, unit);
    }

    private const string SourceCatalogLedger = Sources.Catalog.SourceCatalog.LedgerFileId;
}
