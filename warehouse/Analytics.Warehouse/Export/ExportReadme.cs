using System.Globalization;
using System.Text;

namespace Analytics.Warehouse.Export;

/// <summary>The README.md written into the export root: what is there and how each engine reads it (Chinese, then English).</summary>
internal static class ExportReadme
{
    public static string Write(ParquetExportSummary summary)
    {
        var fact = summary.Tables.FirstOrDefault(t => t.Kind == ExportedTableKind.Fact)?.Name ?? "fact_assistance_payment";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"""
            # 民政分析数据仓库 Parquet 导出 / Civil-affairs analytics warehouse, Parquet export

            导出时间 (exported, UTC)：{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}；{summary.Tables.Count} 张表 (tables)，{summary.Files} 个文件 (files)，{summary.Rows:N0} 行 (rows)。

            ## 目录结构

            - `dim/<表>.parquet`：维度表，每表一个文件（区划 dim_region、季度 dim_quarter、日期 dim_date 等）。
            - `fact/<表>/year=YYYY/quarter=Q/district=区划代码/*.parquet`：事实表，按 Hive 分区（年/季度/区）存放。
              分区列 year、quarter、district 只在目录名中；文件内保留 quarter_key（如 20243）与 district_code 等全部列。
            - `etl/etl_run.parquet`：装载记录。
            - 姓名与身份证号在仓库中已假名化（密钥化 HMAC），导出文件中同样不含明文个人信息。

            ## Layout

            - `dim/<table>.parquet`: one file per dimension table.
            - `fact/<table>/year=YYYY/quarter=Q/district=CODE/*.parquet`: fact tables, Hive-partitioned by year, quarter and
              district. The partition columns live in the directory names only; the files keep every warehouse column,
              including quarter_key (e.g. 20243) and district_code.
            - `etl/etl_run.parquet`: the load log.
            - Names and ID numbers are pseudonymised in the warehouse (keyed HMAC); the export holds no personal data in clear.

            ## 读取方式 / How to read it

            DuckDB:

            ```sql
            SELECT year, quarter, district, count(*)
            FROM read_parquet('fact/{fact}/**/*.parquet', hive_partitioning = true)
            GROUP BY ALL ORDER BY ALL;
            SELECT * FROM read_parquet('dim/dim_region.parquet');
            ```

            Spark (PySpark / Spark SQL) — partition discovery is automatic:

            ```python
            df = spark.read.parquet("<export>/fact/{fact}")   # adds year, quarter, district
            df.where("year = 2024 AND quarter = 3").groupBy("district").count().show()
            ```

            Trino (Hive connector; copy the export to the object store or HDFS the catalog points at):

            ```sql
            CREATE TABLE hive.analytics.{fact} (
                -- the file's columns, in order, then the partition columns last:
                year integer, quarter integer, district varchar
            ) WITH (external_location = 's3://<bucket>/<export>/fact/{fact}', format = 'PARQUET',
                    partitioned_by = ARRAY['year', 'quarter', 'district']);
            CALL hive.system.sync_partition_metadata('analytics', '{fact}', 'ADD');
            ```

            ClickHouse:

            ```sql
            SELECT year, quarter, district, count()
            FROM file('<export>/fact/{fact}/**/*.parquet', Parquet)
            GROUP BY ALL
            SETTINGS use_hive_partitioning = 1;
            -- or s3('https://<bucket>/<export>/fact/{fact}/**/*.parquet', 'Parquet') with the same setting
            ```

            ## 表清单 / Tables

            | 表 table | 类型 kind | 路径 path | 行数 rows | 文件 files | 分区 partitions |
            |---|---|---|---:|---:|---|
            """);
        foreach (var table in summary.Tables)
        {
            var kind = table.Kind switch
            {
                ExportedTableKind.Dimension => "维度 dimension",
                ExportedTableKind.Fact => "事实 fact",
                _ => "装载记录 load log",
            };
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {table.Name} | {kind} | `{table.RelativePath}` | {table.Rows:N0} | {table.Files} | {string.Join(", ", table.PartitionColumns)} |");
        }

        return text.ToString();
    }
}
