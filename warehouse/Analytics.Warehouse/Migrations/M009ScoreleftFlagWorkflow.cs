using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Migrations;

/// <summary>
/// Flags lead to action: each change of a flag's review (owner, status 待核实 → 已核实 / 数据已更正 / 已整改, note) is a
/// row of flag_review, so the latest row per flag is its state and the earlier rows its history. The flag's sentence at
/// the time is kept, so that a flag whose figures changed since it was handled is raised again.
/// </summary>
internal sealed class M009ScoreleftFlagWorkflow : Migration
{
    public override int Version => 9;
    public override string Description => "anomaly flags: review workflow (owner, status, note) with history";

    public override void Apply(DuckDBConnection connection) => Execute(connection, """
        CREATE SEQUENCE flag_review_id START 1;
        CREATE TABLE flag_review (
            review_id    BIGINT PRIMARY KEY,
            flag_key     VARCHAR NOT NULL,   -- kind|district_code|town_name|period|indicator_code
            status       VARCHAR NOT NULL,   -- pending | verified | corrected | remedied
            owner        VARCHAR,            -- who follows the flag up
            note         VARCHAR,
            message      VARCHAR NOT NULL,   -- the flag's sentence when this change was made
            changed_by   VARCHAR NOT NULL,
            changed_at   TIMESTAMP NOT NULL
        );
        """);
}
