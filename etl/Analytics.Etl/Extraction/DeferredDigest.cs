using Analytics.Sources;
using Analytics.Sources.Manifest;

namespace Analytics.Etl.Extraction;

/// <summary>
/// A drop file's SHA-256 held against its manifest, computed on another core while the file loads (hashing a large file
/// takes as long as a tenth of its load); <see cref="Confirm"/> refuses the file before the load commits anything of it.
/// </summary>
public sealed class DeferredDigest
{
    private readonly string _relative;
    private readonly string _expected;
    private readonly Task<string> _actual;

    private DeferredDigest(string relative, string expected, Task<string> actual) =>
        (_relative, _expected, _actual) = (relative, expected, actual);

    /// <summary>Starts hashing <paramref name="path"/> (named <paramref name="relative"/> in the drop).</summary>
    public static DeferredDigest Start(string relative, string path, string expected) =>
        new(relative, expected, Task.Run(() => FileDigest.Sha256(path)));

    /// <summary>Waits for the digest; throws <see cref="EtlException"/> naming the file and both digests when they differ.</summary>
    public void Confirm()
    {
        var actual = _actual.GetAwaiter().GetResult();
        if (!string.Equals(actual, _expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new EtlException(
                $"{_relative}：SHA-256 为 {actual}，清单 {DropLayout.ManifestFileName} 记载 {_expected}，文件内容已被改动，已拒绝装载 (digest differs from the manifest)。");
        }
    }
}
