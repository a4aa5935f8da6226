using System.Security.Cryptography;

namespace Analytics.Sources.Manifest;

/// <summary>The SHA-256 of a file, as manifest.json states it (lower-case hex).</summary>
public static class FileDigest
{
    public static string Sha256(string path)
    {
        // A large buffer keeps the read at the disk cache's speed; the hash itself runs on the CPU's SHA instructions.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
