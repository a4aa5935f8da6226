using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Migrations;

/// <summary>
/// 普陀's rubric (putuo-2024) scores the district as a whole, so its 街镇 get a 贡献明细, not a 成绩单. A warehouse made
/// before that still indexes the 街镇成绩单 generated then; they are marked superseded, so the briefings list no longer
/// offers them as current documents, while their rows and files stay for the record.
/// </summary>
internal sealed class M011PublicRetirePutuoTownScorecards : Migration
{
    public override int Version => 11;
    public override string Description => "briefings: 普陀's earlier per-街镇 成绩单 (putuo-2024 scores no 街镇) marked superseded";

    public override void Apply(DuckDBConnection connection) => Execute(connection, """
        UPDATE briefing SET superseded_at = current_timestamp
        WHERE kind = 'town' AND rubric_id = 'putuo-2024' AND superseded_at IS NULL;
        """);
}
