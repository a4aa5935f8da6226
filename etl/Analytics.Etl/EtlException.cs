namespace Analytics.Etl;

/// <summary>A problem that stops a whole load (bad file, unreachable source); the message is Chinese and names the file.</summary>
public sealed class EtlException(string message, Exception? inner = null) : Exception(message, inner);
