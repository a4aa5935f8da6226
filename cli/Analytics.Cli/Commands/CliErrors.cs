using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Cli.Commands;

/// <summary>Turns expected failures into a one-line Chinese/English message and an exit code, never a stack trace.</summary>
internal static class CliErrors
{
    public const int Failure = 1;
    public const int BadInput = 2;
    public const int Cancelled = 130;

    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (OperationCanceledException ex)
        {
            await Console.Error.WriteLineAsync($"已取消 (cancelled): {ex.Message}");
            return Cancelled;
        }
        catch (DuckDBException ex) when (LockHolder.Describe(ex) is { } locked)
        {
            await Console.Error.WriteLineAsync(locked);
            return Failure;
        }
        catch (DuckDBException ex) when (Analytics.Etl.Loading.StorageFault.Is(ex))
        {
            await Console.Error.WriteLineAsync(Analytics.Etl.Loading.StorageFault.Message("仓库", ex));
            return Failure;
        }
        catch (DuckDBException ex)
        {
            await Console.Error.WriteLineAsync($"数据库错误 (DuckDB error): {ex.Message}");
            return Failure;
        }
        catch (Analytics.Etl.EtlException ex)
        {
            await Console.Error.WriteLineAsync($"装载错误 (load error): {ex.Message}");
            return Failure;
        }
        catch (Analytics.Warehouse.WarehouseConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"配置错误 (configuration error): {ex.Message}");
            return Failure;
        }
        catch (Exception ex) when (ex is CliInputException or Analytics.Bench.BenchInputException)
        {
            await Console.Error.WriteLineAsync($"输入错误 (bad input): {ex.Message}");
            return BadInput;
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"文件错误 (I/O error): {ex.Message}");
            return Failure;
        }
    }
}

/// <summary>A problem with what the user typed or supplied; reported without a stack trace.</summary>
internal sealed class CliInputException(string message) : Exception(message);
