namespace Analytics.Etl;

/// <summary>A problem that stops a whole load (bad file, unreachable source); the message is Chinese and names the file.</summary>
public class EtlException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The warehouse file itself failed (a checksum or corruption error, a failed write or checkpoint): nothing more may be
/// committed into it, so a batch of loads stops here instead of going on to the next feed-quarter.
/// </summary>
public sealed class WarehouseStorageException(string message, Exception? inner = null) : EtlException(message, inner);

/// <summary>
/// The source database cannot be reached or dropped the connection: every later feed-quarter of the batch would fail
/// the same way, so a batch stops here and lists what it skipped.
/// </summary>
public sealed class SourceUnavailableException(string message, Exception? inner = null) : EtlException(message, inner);
