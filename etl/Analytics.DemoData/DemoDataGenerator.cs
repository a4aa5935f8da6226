using System.Diagnostics;
using Analytics.DemoData.Anomalies;
using Analytics.DemoData.Model;
using Analytics.DemoData.Simulation;
using Analytics.DemoData.Writers;
using Analytics.Sources;
using Analytics.Sources.Regions;

namespace Analytics.DemoData;

/// <summary>Generates a complete, deterministic source drop (all feeds, ledgers, manifest and ground truth) for a seed and quarter range.</summary>
public sealed class DemoDataGenerator(RegionReference? regions = null)
{
    private readonly RegionReference _regions = regions ?? RegionReference.Default;

    /// <summary>Writes the drop to <see cref="DemoOptions.OutputDirectory"/>; throws <see cref="ArgumentException"/> with a Chinese message on bad options.</summary>
    public GenerationResult Generate(DemoOptions options)
    {
        if (options.Validate() is { } problem) throw new ArgumentException(problem, nameof(options));
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(options.OutputDirectory);
        var context = Build(options);
        var jobs = new List<Action>();
        foreach (var quarter in context.Quarters)
        {
            // Payments are by far the largest file; they go first so the parallel loop balances.
            jobs.Add(() => AssistanceFiles.WritePayments(context, quarter));
        }
        foreach (var quarter in context.Quarters)
        {
            jobs.Add(() => AssistanceFiles.WriteRecipients(context, quarter));
            jobs.Add(() => AssistanceFiles.WriteCaseEvents(context, quarter));
            jobs.Add(() => VerificationFiles.WriteRequests(context, quarter));
            jobs.Add(() => VerificationFiles.WriteVerifiers(context, quarter));
            jobs.Add(() => ElderlyCareFiles.WriteInstitutions(context, quarter));
            jobs.Add(() => ElderlyCareFiles.WriteStaff(context, quarter));
            jobs.Add(() => ElderlyCareFiles.WriteInspections(context, quarter));
            jobs.Add(() => ElderlyCareFiles.WriteMeals(context, quarter));
            jobs.Add(() => SocialOrganisationFiles.WriteOrganisations(context, quarter));
            jobs.Add(() => SocialOrganisationFiles.WriteInspections(context, quarter));
            jobs.Add(() => ReferenceFiles.WritePopulation(context, quarter));
            jobs.Add(() => ReferenceFiles.WriteRegionChanges(context, quarter));
            jobs.Add(() => LedgerFiles.Write(context, quarter));
        }
        // Every job writes its own file from immutable state and its own random streams, so parallelism cannot change a byte.
        Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, job => job());
        var files = context.Files;
        JsonFiles.WriteGroundTruth(context);
        JsonFiles.WriteManifest(context, files);
        return new GenerationResult(options, files, context.Plan.Anomalies, context.Towns.Count, clock.Elapsed);
    }

    private GenerationContext Build(DemoOptions options)
    {
        var quarters = Quarter.Range(options.From, options.To).ToList();
        var towns = TownSet.Build(_regions, options.Seed, options.Scale == DemoScale.City);
        var plan = AnomalyPlan.Create(towns, quarters, options.Seed, options.HardAnomalies);
        var people = new PersonFactory(new NamePool(unchecked((int)options.Seed)));
        var firstMonth = Months.First(options.From);
        var lastMonth = Months.Last(options.To);
        var simulator = new AssistanceSimulator(people, options.Volume);
        var rosters = new AssistanceRoster[towns.Count];
        Parallel.For(0, towns.Count, i =>
        {
            var spikes = new Dictionary<int, double>();
            if (plan.ForTown(AnomalyKind.SuddenSpike, i) is { } spike)
            {
                var q = Quarter.Parse(spike.Quarter);
                for (var m = Months.First(q); m <= Months.Last(q); m++) spikes[m] = (double)spike.Magnitude;
            }
            rosters[i] = simulator.Simulate(towns[i], options.Seed, firstMonth, lastMonth, spikes);
        });
        var context = new GenerationContext
        {
            Options = options,
            Towns = towns,
            Quarters = quarters,
            Plan = plan,
            Rosters = rosters,
            ElderlyCare = ElderlyCareModel.Build(towns, people, options.Seed, firstMonth, lastMonth, options.Volume),
            Organisations = SocialOrganisationModel.Build(towns, options.Seed, options.From.Year, options.To.Year, options.Volume),
            People = people,
        };
        AnomalyFacts.Resolve(context);
        return context;
    }
}
