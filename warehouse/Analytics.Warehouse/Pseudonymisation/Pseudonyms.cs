namespace Analytics.Warehouse.Pseudonymisation;

/// <summary>The form of pseudonyms in the warehouse and in SQL.</summary>
public static class Pseudonyms
{
    /// <summary>Hex characters kept of the HMAC (128 bits).</summary>
    public const int Length = 32;

    /// <summary>SQL calling the key's registered function (<see cref="PseudonymKey.FunctionName"/>); NULL stays NULL.</summary>
    public static string SqlExpression(string functionName, string valueExpression) => $"{functionName}({valueExpression})";
}
