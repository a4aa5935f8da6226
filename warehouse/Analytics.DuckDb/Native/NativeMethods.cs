using System.Reflection;
using System.Runtime.InteropServices;

namespace Analytics.DuckDb.Native;

/// <summary>P/Invoke declarations of DuckDB's C API, split by area into partial files.</summary>
internal static partial class NativeMethods
{
    internal const string Library = "duckdb";

    /// <summary>Environment variable that points at a libduckdb.so to use instead of the bundled one.</summary>
    internal const string LibraryPathVariable = "DUCKDB_LIBRARY_PATH";

    static NativeMethods()
    {
        NativeLibrary.SetDllImportResolver(typeof(NativeMethods).Assembly, Resolve);
    }

    /// <summary>Forces the static constructor (and so the resolver) to run before the first call.</summary>
    internal static void EnsureLoaded() { }

    // The build copies libduckdb.so next to this assembly; look there first so that tools started
    // from any working directory find it, then honour an explicit override.
    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != Library)
        {
            return IntPtr.Zero;
        }

        var overridePath = Environment.GetEnvironmentVariable(LibraryPathVariable);
        if (!string.IsNullOrEmpty(overridePath))
        {
            return NativeLibrary.Load(overridePath);
        }

        var besideAssembly = Path.Combine(AppContext.BaseDirectory, "libduckdb.so");
        if (File.Exists(besideAssembly))
        {
            return NativeLibrary.Load(besideAssembly);
        }

        var assemblyDir = Path.GetDirectoryName(assembly.Location);
        if (!string.IsNullOrEmpty(assemblyDir))
        {
            var candidate = Path.Combine(assemblyDir, "libduckdb.so");
            if (File.Exists(candidate))
            {
                return NativeLibrary.Load(candidate);
            }
        }

        if (NativeLibrary.TryLoad("libduckdb.so", assembly, searchPath, out var handle))
        {
            return handle;
        }

        throw new DllNotFoundException(
            "libduckdb.so was not found next to the application. Run 'npm ci' in the repository root and rebuild, " +
            $"or set {LibraryPathVariable} to the library's path.");
    }

    [LibraryImport(Library, EntryPoint = "duckdb_free")]
    internal static partial void Free(IntPtr pointer);

    /// <summary>Reads a UTF-8 C string that DuckDB owns (not freed here).</summary>
    internal static string? ReadString(IntPtr pointer) =>
        pointer == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(pointer);

    /// <summary>Reads a UTF-8 C string that the caller owns, then frees it with duckdb_free.</summary>
    internal static string? ReadAndFreeString(IntPtr pointer)
    {
        if (pointer == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(pointer);
        }
        finally
        {
            Free(pointer);
        }
    }
}
