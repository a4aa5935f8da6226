namespace Analytics.Sources.Catalog;

/// <summary>One permitted code of a coded column and its Chinese label (e.g. <c>dibao</c> = 低保).</summary>
public sealed record AllowedValue(string Code, string Label);
