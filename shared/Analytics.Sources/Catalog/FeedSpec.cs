namespace Analytics.Sources.Catalog;

/// <summary>A source feed: one source system's quarterly extract, made of one or more files.</summary>
public sealed record FeedSpec(string Id, SourceSystem System, string SystemLabel, string Description, IReadOnlyList<FileSpec> Files)
{
    public FileSpec File(string id) =>
        Files.FirstOrDefault(f => f.Id == id) ?? throw new KeyNotFoundException($"数据源 {Id} 没有文件 {id}");
}
