namespace Analytics.Bench;

/// <summary>A benchmark cannot start with what it was given or found (a missing tool, warehouse or option value).</summary>
public sealed class BenchInputException(string message) : Exception(message);
