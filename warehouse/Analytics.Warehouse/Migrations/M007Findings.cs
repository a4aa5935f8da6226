using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Migrations;

/// <summary>
/// 督查发现台账: what the bureau finds per 街镇 and rubric item (finding), whether it has finished inspecting an item
/// (finding_inspection: "已检查" distinguishes "nothing found" from "not yet inspected"), and every change to either.
/// </summary>
internal sealed class M007Findings : Migration
{
    public override int Version => 7;
    public override string Description => "findings register: bureau findings, item inspections, their history";

    public override void Apply(DuckDBConnection connection) => Execute(connection, """
        CREATE SEQUENCE finding_id START 1;
        CREATE TABLE finding (
            finding_id     BIGINT PRIMARY KEY DEFAULT nextval('finding_id'),
            rubric_id      VARCHAR NOT NULL,
            period         VARCHAR NOT NULL,   -- the assessment period the cases count in: 2023 | 2024Q3
            town_code      VARCHAR NOT NULL,
            item_code      VARCHAR NOT NULL,
            input_name     VARCHAR NOT NULL,   -- the rubric input the cases count towards (G2: injuries or deaths)
            found_on       DATE NOT NULL,
            found_by       VARCHAR NOT NULL,   -- 抽查 | 督查 | 审计 | 巡视 | 通报
            cases          INTEGER NOT NULL,
            description    VARCHAR NOT NULL,
            evidence       VARCHAR NOT NULL,
            withdrawn      BOOLEAN NOT NULL,
            recorded_by    VARCHAR NOT NULL,
            recorded_at    TIMESTAMP NOT NULL,
            changed_by     VARCHAR NOT NULL,
            changed_at     TIMESTAMP NOT NULL
        );
        -- One row per rubric, period, town and item once the bureau has finished inspecting it (已检查).
        CREATE TABLE finding_inspection (
            rubric_id      VARCHAR NOT NULL,
            period         VARCHAR NOT NULL,
            town_code      VARCHAR NOT NULL,
            item_code      VARCHAR NOT NULL,
            closed_by      VARCHAR NOT NULL,
            closed_at      TIMESTAMP NOT NULL,
            reason         VARCHAR NOT NULL,
            PRIMARY KEY (rubric_id, period, town_code, item_code)
        );
        CREATE SEQUENCE finding_history_id START 1;
        CREATE TABLE finding_history (
            history_id     BIGINT PRIMARY KEY DEFAULT nextval('finding_history_id'),
            finding_id     BIGINT,             -- NULL for an inspection closed or reopened
            rubric_id      VARCHAR NOT NULL,
            period         VARCHAR NOT NULL,
            town_code      VARCHAR NOT NULL,
            item_code      VARCHAR NOT NULL,
            action         VARCHAR NOT NULL,   -- add | correct | withdraw | close | reopen
            old_value      VARCHAR,            -- JSON of the finding before the change; NULL when added
            new_value      VARCHAR,            -- JSON after the change
            changed_by     VARCHAR NOT NULL,
            reason         VARCHAR NOT NULL,
            changed_at     TIMESTAMP NOT NULL
        );
        """);
}
