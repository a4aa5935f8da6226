namespace Analytics.Sources.Catalog;

/// <summary>Where a named rubric input (e.g. <c>hedui.certified_verifiers</c>) comes from: a feed file and the rule that derives it per town and quarter.</summary>
public sealed record RubricInput(string Name, string FeedId, string FileId, string Rule);
