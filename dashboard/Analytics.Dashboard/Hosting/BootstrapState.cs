namespace Analytics.Dashboard.Hosting;

public enum BootstrapPhase
{
    Starting,
    Loading,
    Ready,
}

/// <summary>Where the first-start work stands; readiness reports "loading" until it is <see cref="BootstrapPhase.Ready"/>.</summary>
public sealed class BootstrapState
{
    private volatile BootstrapPhase _phase = BootstrapPhase.Starting;

    public BootstrapPhase Phase => _phase;

    public int LoadsDone { get; private set; }

    public int LoadsTotal { get; private set; }

    public int LoadsFailed { get; private set; }

    public void Set(BootstrapPhase phase) => _phase = phase;

    public void Progress(int done, int total, int failed)
    {
        LoadsDone = done;
        LoadsTotal = total;
        LoadsFailed = failed;
    }
}
