using System.Runtime.InteropServices;

namespace Analytics.DuckDb.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "duckdb_library_version")]
    internal static partial IntPtr LibraryVersion();

    [LibraryImport(Library, EntryPoint = "duckdb_create_config")]
    internal static partial DuckDbState CreateConfig(out IntPtr config);

    [LibraryImport(Library, EntryPoint = "duckdb_set_config", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState SetConfig(ConfigHandle config, string name, string option);

    [LibraryImport(Library, EntryPoint = "duckdb_destroy_config")]
    internal static partial void DestroyConfig(ref IntPtr config);

    [LibraryImport(Library, EntryPoint = "duckdb_open_ext", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState OpenExt(string path, out IntPtr database, ConfigHandle config, out IntPtr error);

    [LibraryImport(Library, EntryPoint = "duckdb_close")]
    internal static partial void Close(ref IntPtr database);

    [LibraryImport(Library, EntryPoint = "duckdb_connect")]
    internal static partial DuckDbState Connect(DatabaseHandle database, out IntPtr connection);

    [LibraryImport(Library, EntryPoint = "duckdb_disconnect")]
    internal static partial void Disconnect(ref IntPtr connection);

    [LibraryImport(Library, EntryPoint = "duckdb_interrupt")]
    internal static partial void Interrupt(ConnectionHandle connection);
}
