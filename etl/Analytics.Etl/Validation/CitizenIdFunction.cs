using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Sources;

namespace Analytics.Etl.Validation;

/// <summary>
/// The SQL function the validation calls for every 身份证号: the id itself when it is valid (GB 11643: 17 digits, a
/// real birth date, the MOD 11-2 check character), NULL otherwise. In C# (<see cref="CitizenId.IsValid(ReadOnlySpan{byte})"/>)
/// because the seventeen weighted digit terms written in SQL were the largest step of loading recipients (docs/performance.md).
/// </summary>
internal static class CitizenIdFunction
{
    public const string Name = "citizen_id_or_null";

    public static void Register(DuckDBConnection connection) => connection.RegisterFunctionIfAbsent(Name, 18, Check);

    private static int Check(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (!CitizenId.IsValid(input))
        {
            return -1;
        }

        input.CopyTo(output);
        return input.Length;
    }
}
