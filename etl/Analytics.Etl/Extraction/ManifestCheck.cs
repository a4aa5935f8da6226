using Analytics.Sources;
using Analytics.Sources.Manifest;

namespace Analytics.Etl.Extraction;

/// <summary>Holds a drop file against the publisher's manifest before anything of it is loaded.</summary>
internal static class ManifestCheck
{
    /// <summary>
    /// The rows the manifest states for the file once its bytes and SHA-256 match; null without a manifest.
    /// Throws <see cref="EtlException"/> naming the file and both figures when they disagree.
    /// </summary>
    public static long? Verify(DropManifest? manifest, string relative, string path)
    {
        var (rows, digest) = Check(manifest, relative, path);
        digest?.Confirm();
        return rows;
    }

    /// <summary>
    /// Like <see cref="Verify"/>, but the SHA-256 is computed on another core while the file loads: the load confirms it
    /// (<see cref="DeferredDigest.Confirm"/>) before it uses the file's rows for anything it commits.
    /// </summary>
    public static (long? Rows, DeferredDigest? Digest) Check(DropManifest? manifest, string relative, string path)
    {
        if (manifest is null)
        {
            return (null, null);
        }

        var listed = manifest.Find(relative)
            ?? throw new EtlException($"{relative}：清单 {DropLayout.ManifestFileName} 中没有该文件，已拒绝装载 (file not in the manifest)。");
        var bytes = new FileInfo(path).Length;
        if (bytes != listed.Bytes)
        {
            throw new EtlException(
                $"{relative}：文件大小 {bytes:N0} 字节，清单 {DropLayout.ManifestFileName} 记载 {listed.Bytes:N0} 字节，文件可能被截断或替换，已拒绝装载 (size differs from the manifest)。");
        }

        return (listed.Rows, listed.Sha256 is { } expected ? DeferredDigest.Start(relative, path, expected) : null);
    }
}
