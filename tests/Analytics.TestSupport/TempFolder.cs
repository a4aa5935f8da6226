namespace Analytics.TestSupport;

/// <summary>Temporary folders of the tests: a fresh unique path, and removal that tolerates files still held open.</summary>
public static class TempFolder
{
    /// <summary>A path under the temp folder that does not exist yet: <paramref name="prefix"/> and a random suffix.</summary>
    public static string NewPath(string prefix) => Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");

    /// <summary>Removes the folder; a file still held open (a pooled DuckDB instance) is left for the OS to clean up.</summary>
    public static void Delete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // The database may still be held by a pooled instance; the temp folder is cleaned by the OS.
        }
    }
}
