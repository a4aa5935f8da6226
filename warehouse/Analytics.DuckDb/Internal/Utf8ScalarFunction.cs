using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal;

/// <summary>
/// Registers a managed VARCHAR → VARCHAR function with DuckDB. DuckDB calls back into managed code
/// once per data chunk (from its worker threads); strings stay UTF-8 bytes end to end.
/// </summary>
internal static unsafe class Utf8ScalarFunction
{
    private const int MaxStackOutput = 1024;

    public static void Register(DuckDB.NET.Native.DuckDBNativeConnection connection, string name, int maxOutputBytes, DuckDbUtf8Function function)
    {
        if (maxOutputBytes is <= 0 or > MaxStackOutput)
        {
            throw new ArgumentOutOfRangeException(nameof(maxOutputBytes), $"maxOutputBytes must be between 1 and {MaxStackOutput}.");
        }

        var native = NativeMethods.CreateScalarFunction();
        var state = GCHandle.Alloc(new Registration(function, maxOutputBytes));
        try
        {
            NativeMethods.ScalarFunctionSetName(native, name);
            using (var varchar = LogicalTypeHandle.FromPointer(NativeMethods.CreateLogicalType(DuckDbTypeId.Varchar)))
            {
                NativeMethods.ScalarFunctionAddParameter(native, varchar);
                NativeMethods.ScalarFunctionSetReturnType(native, varchar);
            }

            // From here DuckDB owns the handle and frees it through Release when the function goes away.
            NativeMethods.ScalarFunctionSetExtraInfo(native, GCHandle.ToIntPtr(state), (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, void>)&Release);
            NativeMethods.ScalarFunctionSetFunction(native, (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr, void>)&Invoke);
            if (NativeMethods.RegisterScalarFunction(connection, native) != DuckDbState.Success)
            {
                throw ThrowHelper.DuckDb($"DuckDB could not register the function {name} (is the name already taken?).");
            }
        }
        finally
        {
            NativeMethods.DestroyScalarFunction(ref native);
        }
    }

    /// <summary>
    /// Registers inside a transaction: in auto-commit mode a registration made right after another query was not kept
    /// (DuckDB 1.5.6). When the connection already has a transaction open, the
    /// registration is part of it.
    /// </summary>
    public static void RegisterDurably(DuckDB.NET.Data.DuckDBConnection owner, string name, int maxOutputBytes, DuckDbUtf8Function function)
    {
        var connection = owner.NativeConnection;
        var ownsTransaction = NativeQuery.BeginUnlessInTransaction(owner);
        try
        {
            Register(connection, name, maxOutputBytes, function);
        }
        catch
        {
            if (ownsTransaction)
            {
                NativeQuery.TryQuery(connection, "ROLLBACK");
            }

            throw;
        }

        if (ownsTransaction && NativeQuery.TryQuery(connection, "COMMIT") is { } failed)
        {
            throw ThrowHelper.DuckDb(failed);
        }
    }

    private sealed record Registration(DuckDbUtf8Function Function, int MaxOutputBytes);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Release(IntPtr state) => GCHandle.FromIntPtr(state).Free();

    // An exception must never unwind into native code: it becomes the query's error instead.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Invoke(IntPtr info, IntPtr input, IntPtr output)
    {
        try
        {
            var registration = (Registration)GCHandle.FromIntPtr(NativeMethods.ScalarFunctionGetExtraInfo(info)).Target!;
            Execute(registration, input, output);
        }
        catch (Exception ex)
        {
            NativeMethods.ScalarFunctionSetError(info, ex.Message);
        }
    }

    private static void Execute(Registration registration, IntPtr input, IntPtr output)
    {
        var rows = NativeMethods.DataChunkGetSize(input);
        var vector = NativeMethods.DataChunkGetVector(input, 0);
        var data = (byte*)NativeMethods.VectorGetData(vector);
        var validity = (ulong*)NativeMethods.VectorGetValidity(vector);
        ulong* outputValidity = null;
        Span<byte> buffer = stackalloc byte[registration.MaxOutputBytes];
        for (ulong row = 0; row < rows; row++)
        {
            var written = validity != null && (validity[row >> 6] & (1UL << (int)(row & 63))) == 0
                ? -1
                : registration.Function(StringEntry.Bytes(data, row), buffer);
            if (written < 0)
            {
                if (outputValidity == null)
                {
                    NativeMethods.VectorEnsureValidityWritable(output);
                    outputValidity = (ulong*)NativeMethods.VectorGetValidity(output);
                }

                outputValidity[row >> 6] &= ~(1UL << (int)(row & 63));
                continue;
            }

            fixed (byte* result = buffer)
            {
                NativeMethods.VectorAssignBytes(output, row, result, (ulong)written);
            }
        }
    }
}
