using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Analytics.Forecasting.Projections;

/// <summary>
/// A regression model of the rest of the year, trained on <see cref="ProjectionExample"/>s. Every trainer runs on one
/// thread with a fixed seed, so the same rows always give the same projections.
/// </summary>
public sealed class ProjectionModel
{
    private const int Seed = 20240101;
    private readonly MLContext _ml;
    private readonly ITransformer _model;

    private ProjectionModel(MLContext ml, ITransformer model, ProjectionMethod method)
    {
        _ml = ml;
        _model = model;
        Method = method;
    }

    public ProjectionMethod Method { get; }

    public static ProjectionModel Train(ProjectionMethod method, IReadOnlyList<ProjectionExample> training)
    {
        var ml = new MLContext(Seed);
        var features = ml.Transforms.Categorical.OneHotEncoding("DistrictKey", nameof(ProjectionExample.District))
            .Append(ml.Transforms.Categorical.OneHotEncoding("TownTypeKey", nameof(ProjectionExample.TownType)))
            .Append(ml.Transforms.Concatenate("Features", nameof(ProjectionExample.Numeric), "DistrictKey", "TownTypeKey"));
        IEstimator<ITransformer> pipeline = method switch
        {
            ProjectionMethod.FastTree => features.Append(ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
            {
                NumberOfTrees = 100, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = 5, LearningRate = 0.1, NumberOfThreads = 1, Seed = Seed,
            })),
            ProjectionMethod.LightGbm => features.Append(ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
            {
                NumberOfIterations = 100, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = 5, LearningRate = 0.1, NumberOfThreads = 1, Seed = Seed,
            })),
            ProjectionMethod.Poisson => features.Append(ml.Transforms.NormalizeMinMax("Features"))
                .Append(ml.Regression.Trainers.LbfgsPoissonRegression(new LbfgsPoissonRegressionTrainer.Options { NumberOfThreads = 1 })),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "线性推算不需要训练"),
        };
        return new ProjectionModel(ml, pipeline.Fit(ml.Data.LoadFromEnumerable(training)), method);
    }

    /// <summary>The projected year end of each row: what is done plus the predicted rest (never below zero), to 0.01.</summary>
    public IReadOnlyList<decimal> Project(IReadOnlyList<ProjectionExample> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(rows));
        var rest = scored.GetColumn<float>("Score").ToList();
        return rows.Select((r, i) => Math.Round(r.YearToDate + Math.Max(0m, (decimal)rest[i]), 2)).ToList();
    }
}
