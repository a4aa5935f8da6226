using System.Text;
using Analytics.Etl.Extraction;
using Analytics.Etl.Postgres.Tests.Support;
using Analytics.Sources;
using Analytics.Sources.Catalog;

namespace Analytics.Etl.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PublishErrorTests(PostgresFixture fixture)
{
    [Fact]
    public void ValueThatDoesNotFitItsTypedColumn_StopsThePublishAndWritesNothing()
    {
        // A drop holding only the assistance feed, with text in the 5th payment's amount.
        var drop = Path.Combine(fixture.Scratch, "bad-drop-" + Guid.NewGuid().ToString("N"));
        var feed = SourceCatalog.Feed("assistance");
        foreach (var spec in feed.Files)
        {
            var relative = DropLayout.RelativePath(spec, PostgresFixture.To);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(drop, relative))!);
            File.Copy(Path.Combine(fixture.Drop, relative), Path.Combine(drop, relative));
        }

        var payments = Path.Combine(drop, DropLayout.RelativePath(feed.File("payments"), PostgresFixture.To));
        var lines = File.ReadAllLines(payments, Encoding.UTF8);
        var amount = Array.IndexOf(lines[0].Split(','), "amount");
        var fields = lines[5].Split(',');
        fields[amount] = "abc";
        lines[5] = string.Join(',', fields);
        File.WriteAllText(payments, string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        var connectionString = fixture.Server.CreateDatabase("bad_drop");

        var error = Assert.Throws<EtlException>(() => new PostgresExtractWriter(connectionString).Publish(drop));

        Assert.Equal("assistance/2024Q3/payments.csv 第 5 行 金额(amount)：「abc」不能存为 numeric，无法写入 PostgreSQL 表 extract.assistance_payments (value cannot be stored)。", error.Message);
        // One transaction: the recipients copied before the failure are gone too.
        Assert.Empty(new PostgresSource(connectionString).QuartersOf(feed));
    }

    [Fact]
    public void MissingDropFolder_IsAClearError()
    {
        var missing = Path.Combine(fixture.Scratch, "no-such-drop");

        var error = Assert.Throws<EtlException>(() => new PostgresExtractWriter(fixture.Published).Publish(missing));

        Assert.Equal($"数据目录不存在：{missing} (drop folder not found)。", error.Message);
    }
}
