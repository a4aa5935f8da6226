namespace Analytics.Metrics.Improvement;

/// <summary>A change a rule's parameters point to, before re-scoring tells what it earns.</summary>
internal sealed record CandidateChange(string Reach, string Text, IReadOnlyList<InputChange> Changes);
