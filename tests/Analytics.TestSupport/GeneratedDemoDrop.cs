using Analytics.DemoData;
using Analytics.Sources;

namespace Analytics.TestSupport;

/// <summary>
/// A demo drop (default seed) of some quarters generated into its own temporary folder, removed on dispose. Test
/// projects derive their collection fixture from it with the quarters they need.
/// </summary>
public class GeneratedDemoDrop : IDisposable
{
    public GeneratedDemoDrop(string prefix, Quarter from, Quarter to)
    {
        Root = TempFolder.NewPath(prefix);
        Result = new DemoDataGenerator().Generate(new DemoOptions(Root, DemoOptions.DefaultSeed, from, to));
    }

    /// <summary>The generated drop; read-only for tests (copy before changing anything).</summary>
    public string Root { get; }

    public GenerationResult Result { get; }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) => TempFolder.Delete(Root);
}
