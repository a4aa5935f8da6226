using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Migrations;

/// <summary>
/// A grade exists only where a period's assessment is complete: score_result records the assessment state, the range
/// of totals pending judgements can still reach and the grades still possible, and its grade becomes nullable.
/// </summary>
internal sealed class M008ScoreAssessmentState : Migration
{
    public override int Version => 8;
    public override string Description => "scores: assessment state, reachable total range and possible grades; grade only when final";

    public override void Apply(DuckDBConnection connection) => Execute(connection, """
        ALTER TABLE score_result ALTER COLUMN grade DROP NOT NULL;
        ALTER TABLE score_result ADD COLUMN assessment_state VARCHAR;  -- final | provisional | not_assessed
        ALTER TABLE score_result ADD COLUMN lowest_total DECIMAL(18,4);
        ALTER TABLE score_result ADD COLUMN highest_total DECIMAL(18,4);
        ALTER TABLE score_result ADD COLUMN possible_grades VARCHAR;   -- e.g. 优秀/良好; empty when not assessed
        """);
}
