namespace Analytics.Metrics;

/// <summary>The inputs given to an evaluation are wrong (unknown name, judgement out of range...); the message is bilingual.</summary>
public sealed class RubricInputException(string message) : Exception(message);
