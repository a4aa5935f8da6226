using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Migrations;

/// <summary>
/// A briefing states what it was made from, so the list can tell when it no longer matches: the judgement version of its
/// rubric (judgements and findings) beside the data version it already records. A new generation of the same document
/// keeps the earlier one as a version (its file moved aside) instead of overwriting it.
/// </summary>
internal sealed class M010BriefingFreshness : Migration
{
    public override int Version => 10;
    public override string Description => "briefings: judgement version at generation, earlier versions kept (superseded_at)";

    public override void Apply(DuckDBConnection connection) => Execute(connection, """
        ALTER TABLE briefing ADD COLUMN judgement_version VARCHAR;  -- J<judgement history id>-F<finding history id> of the rubric; NULL before migration 10
        ALTER TABLE briefing ADD COLUMN superseded_at TIMESTAMP;    -- when a newer generation replaced it; NULL for the current one
        """);
}
