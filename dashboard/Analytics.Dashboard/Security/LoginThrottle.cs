using System.Collections.Concurrent;
using Analytics.Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace Analytics.Dashboard.Security;

/// <summary>One throttled account name or client address, for the admins' users page.</summary>
public sealed record ThrottleEntry(string Key, int Failures, DateTime LastFailure, TimeSpan Delay);

/// <summary>
/// Slows down password guessing instead of locking accounts (a lock is something a stranger can set off against
/// <c>admin</c>): failures are counted per account name as typed (known or not, so the answer never tells which names
/// exist) and per client address; past <see cref="AnalyticsOptions.MaxFailedLogins"/> each attempt first waits, one
/// second doubling per further failure up to <see cref="AnalyticsOptions.MaxLoginDelaySeconds"/>. A success clears the
/// account's count; counts are forgotten after <see cref="AnalyticsOptions.LockoutMinutes"/> without a failure. In memory:
/// a restart forgets them.
/// </summary>
public sealed class LoginThrottle(IOptions<AnalyticsOptions> options, TimeProvider clock)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    public static string AccountKey(string username) => "account:" + username.Trim().ToLowerInvariant();

    public static string? ClientKey(string? address) => string.IsNullOrEmpty(address) ? null : "client:" + address;

    /// <summary>How long an attempt for this account from this client waits before it is checked.</summary>
    public TimeSpan Delay(string username, string? client) =>
        Max(DelayOf(AccountKey(username)), ClientKey(client) is { } key ? DelayOf(key) : TimeSpan.Zero);

    /// <summary>Counts a failure; returns the wait the next attempt will have (zero while the free attempts last).</summary>
    public TimeSpan RecordFailure(string username, string? client)
    {
        Prune();
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = new[] { AccountKey(username), ClientKey(client) }.OfType<string>();
        foreach (var key in keys)
        {
            _counters.AddOrUpdate(key, _ => new Counter(1, now), (_, c) => Expired(c, now) ? new Counter(1, now) : new Counter(c.Failures + 1, now));
        }

        return Delay(username, client);
    }

    public void RecordSuccess(string username) => _counters.TryRemove(AccountKey(username), out _);

    /// <summary>Account names and clients whose attempts wait now, longest wait first.</summary>
    public IReadOnlyList<ThrottleEntry> Throttled() =>
        _counters.Select(pair => new ThrottleEntry(pair.Key, pair.Value.Failures, pair.Value.Last, DelayOf(pair.Key)))
            .Where(e => e.Delay > TimeSpan.Zero)
            .OrderByDescending(e => e.Delay).ThenBy(e => e.Key, StringComparer.Ordinal)
            .ToList();

    private TimeSpan DelayOf(string key)
    {
        if (!_counters.TryGetValue(key, out var counter) || Expired(counter, clock.GetUtcNow().UtcDateTime))
        {
            return TimeSpan.Zero;
        }

        var over = counter.Failures - options.Value.MaxFailedLogins;
        if (over < 0)
        {
            return TimeSpan.Zero;
        }

        var seconds = Math.Min(options.Value.MaxLoginDelaySeconds, Math.Pow(2, Math.Min(over, 30)));
        return TimeSpan.FromSeconds(seconds);
    }

    private bool Expired(Counter counter, DateTime now) => now - counter.Last > TimeSpan.FromMinutes(options.Value.LockoutMinutes);

    private void Prune()
    {
        if (_counters.Count < MaxEntries)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var pair in _counters.Where(p => Expired(p.Value, now)).ToList())
        {
            _counters.TryRemove(pair.Key, out _);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed record Counter(int Failures, DateTime Last);
}
