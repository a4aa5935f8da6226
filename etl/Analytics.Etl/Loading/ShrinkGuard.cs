using System.Globalization;
using Analytics.Sources;

namespace Analytics.Etl.Loading;

/// <summary>
/// Refuses a reload that nothing vouches for (no manifest) when it would empty a loaded feed-quarter's table or shrink it
/// by more than <paramref name="MaxShare"/>: a truncated or header-only extract must not silently replace a full quarter.
/// <paramref name="Allowed"/> is the operator's <c>--allow-shrink</c>.
/// </summary>
public sealed record ShrinkGuard(double MaxShare = ShrinkGuard.DefaultMaxShare, bool Allowed = false)
{
    public const double DefaultMaxShare = 0.10;

    /// <summary>Null when the reload keeps enough rows; the note for the run log when the operator allowed the shrink.</summary>
    /// <exception cref="EtlException">The shrink is too large and was not allowed.</exception>
    public string? Check(string file, string table, Quarter quarter, long before, long after)
    {
        if (after > 0 && after >= before * (1 - MaxShare))
        {
            return null;
        }

        var change = string.Create(CultureInfo.InvariantCulture,
            $"{file}：{table} 的 {quarter} 将从已装载的 {before:N0} 行变为 {after:N0} 行（减少 {100.0 * (before - after) / before:F1}%，允许 {100 * MaxShare:0.#}%）");
        if (!Allowed)
        {
            throw new EtlException(
                $"{change}，报送目录没有清单 {DropLayout.ManifestFileName} 可以核对，已拒绝装载；确认无误请加 --allow-shrink (refused: the reload would shrink the quarter)。");
        }

        return $"已按 --allow-shrink 接受缩减：{change}";
    }
}
