using Analytics.Etl.Loading;
using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>The load's one failure boundary: whatever the exception, the run is recorded as failed with its cause, then the failure goes on.</summary>
[Collection(EtlCollection.Name)]
public sealed class LoadFailureBoundaryTests(DemoDropFixture drop) : IDisposable
{
    private readonly TestBed _bed = new(drop);

    public void Dispose() => _bed.Dispose();

    /// <summary>Throws an exception of a type no loader code expects when the load reports that it starts its second file.</summary>
    private sealed class UnexpectedFailure : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value)
        {
            if (value.FilesDone == 1 && value.FilesDone < value.FilesTotal)
            {
                throw new FormatException("注入的意外故障");
            }
        }
    }

    [Fact]
    public void An_unexpected_exception_type_inside_a_load_records_a_failed_run_and_propagates()
    {
        _bed.Copy("assistance", "2024Q3", maxRows: 3000);

        var error = _bed.LoadFails("assistance", "2024Q3", new UnexpectedFailure());

        Assert.IsType<FormatException>(error.InnerException);
        const string cause = "assistance/2024Q3：装载失败，仓库保持不变：程序出错（FormatException：注入的意外故障）";
        Assert.Equal(cause, error.Message);
        Assert.Equal(1, _bed.Scalar("SELECT count(*) FROM etl_run"));
        Assert.Equal(cause, _bed.Text("SELECT message FROM etl_run WHERE status = 'failed' AND feed = 'assistance' AND quarter_key = 20243"));
        Assert.Equal(0, _bed.Scalar("SELECT count(*) FROM fact_assistance_payments"));
        Assert.Equal(0, _bed.Scalar("SELECT count(*) FROM etl_quarantine"));
    }
}
