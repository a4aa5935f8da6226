namespace Analytics.DemoData;

/// <summary>One file written to the drop, with its path relative to the root ('/' separators), its data rows, bytes and SHA-256.</summary>
public sealed record GeneratedFile(string Path, string Feed, string File, string Quarter, long Rows, long Bytes, string Sha256);
