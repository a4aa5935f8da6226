using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Analytics.Dashboard.Launcher;

/// <summary>The host (dashboard/Analytics.Dashboard) running as a child process on a loopback port, stopped with SIGTERM.</summary>
public sealed class DashboardProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 400;
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly HttpClient _probe;

    private DashboardProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the host wrote to its console (JSON log lines), for error messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>
    /// Starts <c>dotnet Analytics.Dashboard.dll</c> from <paramref name="hostDirectory"/> (default: <see cref="FindHostDirectory"/>)
    /// on a free loopback port, with the repository root as working directory (as <c>./run</c> does) and
    /// <paramref name="environment"/> on top of this process's environment.
    /// </summary>
    public static DashboardProcess Start(IReadOnlyDictionary<string, string> environment, string? hostDirectory = null)
    {
        hostDirectory ??= FindHostDirectory();
        var dll = Path.Combine(hostDirectory, "Analytics.Dashboard.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"找不到已构建的主机 (the host is not built): {dll}");
        }

        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(hostDirectory);
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Analytics__Host"] = "127.0.0.1";
        start.Environment["Analytics__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("无法启动主机进程 (could not start the host)");
        return new DashboardProcess(process, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>
    /// Polls /healthz until it answers 200 ("ready"); <paramref name="progress"/> receives each 503 body (loads done/total)
    /// while the host generates or loads. Throws with the host's recent output when it exits or the time runs out.
    /// </summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, Action<HealthStatus>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"主机进程已退出 (the host exited with code {_process.ExitCode}):\n{RecentOutput}");
            }

            try
            {
                using var response = await _probe.GetAsync("healthz", cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                if (progress is not null && await response.Content.ReadFromJsonAsync<HealthStatus>(cancellationToken).ConfigureAwait(false) is { } status)
                {
                    progress(status);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet, or busy starting: try again.
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"主机在 {timeout.TotalSeconds:F0} 秒内未就绪 (the host was not ready in time):\n{RecentOutput}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends SIGTERM (the host then closes the database cleanly) and waits; kills the process if it does not stop in time.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, SigTerm);
            using var wait = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        _probe.Dispose();
        _process.Dispose();
    }

    /// <summary>The host's build output beside this build's: dashboard/Analytics.Dashboard/bin/&lt;configuration&gt;/&lt;framework&gt;.</summary>
    public static string FindHostDirectory()
    {
        // This assembly sits in .../bin/<configuration>/<framework>/ of a test project or the command-line tool.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent?.Name ?? "Release";
        return Path.Combine(RepositoryRoot(), "dashboard", "Analytics.Dashboard", "bin", configuration, framework.Name);
    }

    /// <summary>The folder holding Analytics.sln, found upwards from this assembly's folder.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Analytics.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"找不到仓库根目录 (no Analytics.sln above {AppContext.BaseDirectory})");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLinesKept)
            {
                _output.Dequeue();
            }
        }
    }

    // The repository does not allow unsafe code, which LibraryImport needs; kill(2) takes only integers.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>The body of /healthz: overall status and the first-start loading progress.</summary>
public sealed record HealthStatus(string Status, string Data, HealthLoads? Loads);

/// <summary>Feed quarters loaded so far at first start.</summary>
public sealed record HealthLoads(int Done, int Total, int Failed);
