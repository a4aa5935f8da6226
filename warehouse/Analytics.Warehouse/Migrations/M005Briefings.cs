using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Migrations;

/// <summary>
/// The index of generated briefings (简报) and scorecards (成绩单). It lives in the warehouse, not in the host's
/// schema <c>app</c>: both the host's job and `./analytics report` write it, and the command line never creates the
/// host's tables. It holds no personal data, only where each PDF is and which data and rubric it was made from.
/// </summary>
internal sealed class M005Briefings : Migration
{
    public override int Version => 5;
    public override string Description => "briefings: index of generated PDF briefings and scorecards";

    public override void Apply(DuckDBConnection connection) => Execute(connection, """
        CREATE SEQUENCE briefing_id START 1;
        CREATE TABLE briefing (
            briefing_id    BIGINT PRIMARY KEY DEFAULT nextval('briefing_id'),
            kind           VARCHAR NOT NULL,   -- district | town
            period         VARCHAR NOT NULL,   -- 2024Q4 | 2024
            district_code  VARCHAR NOT NULL,
            district_name  VARCHAR NOT NULL,
            town_code      VARCHAR,            -- NULL for a district briefing
            town_name      VARCHAR,
            document_number VARCHAR NOT NULL,  -- 松民政简〔2024〕第4号
            file_path      VARCHAR NOT NULL,   -- relative to the briefing folder
            bytes          BIGINT NOT NULL,
            pages          INTEGER NOT NULL,
            rubric_id      VARCHAR NOT NULL,
            rubric_version VARCHAR NOT NULL,
            data_version   VARCHAR NOT NULL,   -- changes whenever any load changes (see BriefingStamp)
            data_as_of     TIMESTAMP,          -- latest load finish time
            generated_at   TIMESTAMP NOT NULL,
            generated_by   VARCHAR NOT NULL    -- schedule | operator | cli
        );
        """);
}
