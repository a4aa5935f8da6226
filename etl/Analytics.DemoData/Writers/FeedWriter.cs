using Analytics.Sources;
using Analytics.Sources.Catalog;

namespace Analytics.DemoData.Writers;

/// <summary>Opens a catalog file of a quarter for writing, with the catalog's header, and registers it when done.</summary>
public sealed class FeedWriter : IDisposable
{
    private readonly GenerationContext _context;
    private readonly FileSpec _spec;
    private readonly Quarter _quarter;
    private readonly string _relative;

    public FeedWriter(GenerationContext context, string feed, string file, Quarter quarter)
    {
        _context = context;
        _spec = SourceCatalog.File(feed, file);
        _quarter = quarter;
        _relative = DropLayout.RelativePath(_spec, quarter);
        Csv = new CsvRowWriter(context.FullPath(_relative));
        Csv.Header(_spec.ColumnNames);
    }

    public CsvRowWriter Csv { get; }

    public void Dispose()
    {
        Csv.Dispose();
        _context.Register(_relative, _spec.FeedId, _spec.Id, _quarter, Csv.Rows);
    }
}
