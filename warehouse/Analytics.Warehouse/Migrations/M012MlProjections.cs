using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Migrations;

/// <summary>
/// What the machine-learned methods produce, computed once per data version when the metric tables are refreshed (so no
/// page, briefing or score trains a model): each district's year-end projection per kind and cut, and the RandomizedPca
/// combination flags. Both are rewritten whole by the forecasting refresh, their only writer; warehouse_meta's
/// ml_computed_for_run_id says which load they were computed from.
/// </summary>
internal sealed class M012MlProjections : Migration
{
    public override int Version => 12;
    public override string Description => "machine-learned outputs: district year-end projections and combination anomaly flags";

    public override void Apply(DuckDBConnection connection) => Execute(connection, """
        CREATE TABLE ml_projection (
            indicator_code VARCHAR NOT NULL,        -- the kind's indicator, e.g. eldercare.new_beds
            district_code  VARCHAR NOT NULL,
            year           INTEGER NOT NULL,
            quarter        INTEGER NOT NULL,        -- the cut, 1–3
            towns          INTEGER NOT NULL,        -- 街镇 with every quarter up to the cut
            to_date        DECIMAL(18,2) NOT NULL,
            run_rate       DECIMAL(18,2) NOT NULL,  -- to_date × 4 / quarter
            method         VARCHAR NOT NULL,        -- run_rate | fasttree | lightgbm | poisson
            projection     DECIMAL(18,2) NOT NULL,
            low            DECIMAL(18,2) NOT NULL,  -- the 80% range
            high           DECIMAL(18,2) NOT NULL,
            method_text    VARCHAR NOT NULL,        -- "方法：…" as shown beside the projection
            PRIMARY KEY (indicator_code, district_code, year, quarter)
        );
        CREATE TABLE ml_combination_flag (
            district_code  VARCHAR NOT NULL,
            district_name  VARCHAR NOT NULL,
            town_key       INTEGER NOT NULL,
            town_name      VARCHAR NOT NULL,
            period         VARCHAR NOT NULL,
            indicator_code VARCHAR NOT NULL,        -- the indicator carrying most of the error
            observed       DECIMAL(18,2),
            expected       DECIMAL(18,2),
            score          DOUBLE NOT NULL,         -- reconstruction error ÷ the group's median
            numbers        VARCHAR NOT NULL,        -- JSON: error, ratio, contributions
            message        VARCHAR NOT NULL,
            detail         VARCHAR
        );
        """);
}
