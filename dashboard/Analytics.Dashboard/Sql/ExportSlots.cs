using Microsoft.Extensions.Options;

namespace Analytics.Dashboard.Sql;

/// <summary>
/// Bounds the console exports running at once, per user and in total, so a few large exports cannot take the host's
/// memory between them. A refused export is answered at once (429) rather than queued.
/// </summary>
public sealed class ExportSlots(IOptions<SqlConsoleOptions> options)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _byUser = new(StringComparer.Ordinal);
    private int _total;

    /// <summary>A slot for <paramref name="user"/> (dispose it when the export is done), or null and the reason in Chinese.</summary>
    public IDisposable? TryEnter(string user, out string? refusal)
    {
        var settings = options.Value;
        lock (_gate)
        {
            var mine = _byUser.GetValueOrDefault(user);
            if (mine >= settings.MaxExportsPerUser)
            {
                refusal = $"您已有 {mine} 个导出正在进行（每位用户同时最多 {settings.MaxExportsPerUser} 个），请等它完成后再试。";
                return null;
            }

            if (_total >= settings.MaxExports)
            {
                refusal = $"系统同时最多进行 {settings.MaxExports} 个导出，目前已满，请稍后再试。";
                return null;
            }

            _byUser[user] = mine + 1;
            _total++;
            refusal = null;
            return new Slot(this, user);
        }
    }

    private void Leave(string user)
    {
        lock (_gate)
        {
            _total--;
            if (--_byUser[user] == 0)
            {
                _byUser.Remove(user);
            }
        }
    }

    private sealed class Slot(ExportSlots owner, string user) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(user);
            }
        }
    }
}
