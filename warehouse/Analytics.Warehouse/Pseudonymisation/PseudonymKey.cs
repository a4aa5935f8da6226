using Analytics.DuckDb;
using DuckDB.NET.Data;
using System.Security.Cryptography;

namespace Analytics.Warehouse.Pseudonymisation;

/// <summary>
/// The secret key of the keyed HMAC that replaces names and 身份证号. It comes from configuration or
/// ANALYTICS_PSEUDONYM_KEY; in demo mode a random key is created in a file beside (never inside)
/// the database. There is no default key in the code.
/// </summary>
public sealed class PseudonymKey
{
    public const string EnvironmentVariable = "ANALYTICS_PSEUDONYM_KEY";
    private const int BlockSize = 64; // SHA-256 block size: longer keys are hashed first, as HMAC does

    private readonly byte[] _key;
    private string? _fingerprint;

    private PseudonymKey(byte[] key, string origin)
    {
        if (key.Length < 16)
        {
            throw new WarehouseConfigurationException($"假名化密钥太短 (pseudonym key from {origin} must have at least 16 bytes).");
        }

        _key = key.Length > BlockSize ? SHA256.HashData(key) : key;
        Origin = origin;
    }

    /// <summary>Where the key came from (configuration, environment, or the demo key file), for logs.</summary>
    public string Origin { get; }

    /// <summary>Parses a key written as hex or base64.</summary>
    public static PseudonymKey FromText(string text, string origin)
    {
        text = text.Trim();
        byte[] bytes;
        try
        {
            bytes = text.Length % 2 == 0 && text.All(Uri.IsHexDigit) ? Convert.FromHexString(text) : Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new WarehouseConfigurationException($"假名化密钥格式错误 (the pseudonym key from {origin} must be hex or base64).");
        }

        return new PseudonymKey(bytes, origin);
    }

    /// <summary>
    /// Configuration value first, then the environment variable, then (demo mode only) the key file
    /// beside the database, created with a random key on first use.
    /// </summary>
    public static PseudonymKey Resolve(string? configured, string databasePath, bool demoMode)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return FromText(configured, "configuration");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return FromText(fromEnvironment, EnvironmentVariable);
        }

        if (!demoMode)
        {
            throw new WarehouseConfigurationException(
                $"未配置假名化密钥：请设置环境变量 {EnvironmentVariable} 或配置项 (no pseudonym key configured; set {EnvironmentVariable}).");
        }

        var keyFile = KeyFilePath(databasePath);
        if (!File.Exists(keyFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
            var bytes = RandomNumberGenerator.GetBytes(32);
            File.WriteAllText(keyFile, Convert.ToHexString(bytes) + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return FromText(File.ReadAllText(keyFile), keyFile);
    }

    /// <summary>The demo key file: <c>demo.duckdb</c> → <c>demo.duckdb.pseudonym-key</c>, in the same folder.</summary>
    public static string KeyFilePath(string databasePath) => Path.GetFullPath(databasePath) + ".pseudonym-key";

    /// <summary>The pseudonym of one value: HMAC-SHA256 over its UTF-8 bytes, first 32 hex characters.</summary>
    public string Pseudonym(string value)
    {
        Span<byte> output = stackalloc byte[Pseudonyms.Length];
        var written = WritePseudonym(System.Text.Encoding.UTF8.GetBytes(value), output);
        return System.Text.Encoding.ASCII.GetString(output[..written]);
    }

    /// <summary>Writes the pseudonym of UTF-8 <paramref name="value"/> as lower-case hex into <paramref name="output"/>.</summary>
    public int WritePseudonym(ReadOnlySpan<byte> value, Span<byte> output)
    {
        Span<byte> hash = stackalloc byte[32];
        var hmac = ThreadHmac();
        hmac.AppendData(value);
        hmac.GetHashAndReset(hash);
        const string hex = "0123456789abcdef";
        for (var i = 0; i < Pseudonyms.Length / 2; i++)
        {
            output[2 * i] = (byte)hex[hash[i] >> 4];
            output[2 * i + 1] = (byte)hex[hash[i] & 0xF];
        }

        return Pseudonyms.Length;
    }

    // Setting up an HMAC key costs more than hashing a short value; DuckDB calls from several worker
    // threads, so each thread keeps its own keyed instance and resets it after every value.
    [ThreadStatic]
    private static (PseudonymKey Owner, IncrementalHash Hmac)? t_hmac;

    private IncrementalHash ThreadHmac()
    {
        if (t_hmac is { } cached && ReferenceEquals(cached.Owner, this))
        {
            return cached.Hmac;
        }

        t_hmac?.Hmac.Dispose();
        var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        t_hmac = (this, hmac);
        return hmac;
    }

    /// <summary>
    /// The SQL function that pseudonymises with this key, named after the key's fingerprint so that
    /// two keys never share a name; <see cref="Register"/> makes it available on a connection's database.
    /// </summary>
    public string FunctionName => "pseudonym_" + Fingerprint[..12];

    /// <summary>Registers <see cref="FunctionName"/> with the database of the connection (once per database instance).</summary>
    public void Register(DuckDBConnection connection) =>
        connection.RegisterFunctionIfAbsent(FunctionName, Pseudonyms.Length, WritePseudonym);

    /// <summary>A fingerprint stored in the warehouse to detect a load with a different key.</summary>
    public string Fingerprint => _fingerprint ??= Pseudonym("analytics-pseudonym-key-check");
}
