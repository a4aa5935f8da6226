namespace Analytics.DemoData;

/// <summary>One file written to the drop, with its path relative to the root ('/' separators) and its data rows.</summary>
public sealed record GeneratedFile(string Path, string Feed, string File, string Quarter, long Rows, long Bytes);
