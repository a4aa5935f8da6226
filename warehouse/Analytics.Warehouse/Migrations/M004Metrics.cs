using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Migrations;

/// <summary>The metrics layer: quantities and indicator values, rubric scores, evaluator judgements with history, anomaly flags.</summary>
internal sealed class M004Metrics : Migration
{
    public override int Version => 4;
    public override string Description => "metrics: indicator values, scores, judgements, anomaly flags";

    public override void Apply(DuckDBConnection connection) => Execute(connection, """
        -- Base quantities per town and quarter (counts, sums, stocks), recomputed from the facts.
        CREATE TABLE metric_quantity (
            quantity_code  VARCHAR NOT NULL,
            district_code  VARCHAR NOT NULL,
            town_key       INTEGER NOT NULL,
            quarter_key    INTEGER NOT NULL,
            value          DECIMAL(18,4) NOT NULL
        );
        -- The same quantities per town, district and city, for quarters and years; ytd_value is the year-to-date figure.
        CREATE TABLE metric_quantity_value (
            quantity_code  VARCHAR NOT NULL,
            level          VARCHAR NOT NULL,   -- town | district | city
            unit_key       VARCHAR NOT NULL,   -- T:<town_key> | D:<district_code> | C
            district_code  VARCHAR,
            town_key       INTEGER,
            period         VARCHAR NOT NULL,   -- 2024Q3 | 2024
            year           INTEGER NOT NULL,
            quarter        INTEGER,            -- NULL for a year
            value          DECIMAL(18,4),
            ytd_value      DECIMAL(18,4)
        );
        CREATE TABLE metric_value (
            indicator_code VARCHAR NOT NULL,
            level          VARCHAR NOT NULL,
            district_code  VARCHAR,
            town_key       INTEGER,
            period         VARCHAR NOT NULL,
            year           INTEGER NOT NULL,
            quarter        INTEGER,
            value          DECIMAL(18,4),
            yoy_previous   DECIMAL(18,4),
            yoy_change     DECIMAL(18,4),
            yoy_pct        DECIMAL(18,2),
            yoy_direction  VARCHAR,            -- better | worse | flat | no_baseline
            qoq_previous   DECIMAL(18,4),
            qoq_change     DECIMAL(18,4),
            qoq_pct        DECIMAL(18,2),
            qoq_direction  VARCHAR,
            computed_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
        );
        -- 视情给分: the current judgement per rubric, period, town and item, and every change to it.
        CREATE TABLE judgement (
            rubric_id      VARCHAR NOT NULL,
            period         VARCHAR NOT NULL,
            town_code      VARCHAR NOT NULL,
            item_code      VARCHAR NOT NULL,
            score          DECIMAL(18,4) NOT NULL,
            evaluator      VARCHAR NOT NULL,
            reason         VARCHAR NOT NULL,
            recorded_at    TIMESTAMP NOT NULL,
            PRIMARY KEY (rubric_id, period, town_code, item_code)
        );
        CREATE SEQUENCE judgement_history_id START 1;
        CREATE TABLE judgement_history (
            history_id     BIGINT PRIMARY KEY DEFAULT nextval('judgement_history_id'),
            rubric_id      VARCHAR NOT NULL,
            period         VARCHAR NOT NULL,
            town_code      VARCHAR NOT NULL,
            item_code      VARCHAR NOT NULL,
            old_score      DECIMAL(18,4),      -- NULL for the first judgement
            new_score      DECIMAL(18,4) NOT NULL,
            evaluator      VARCHAR NOT NULL,
            reason         VARCHAR NOT NULL,
            changed_at     TIMESTAMP NOT NULL
        );
        CREATE TABLE score_result (
            rubric_id      VARCHAR NOT NULL,
            rubric_version VARCHAR NOT NULL,
            period         VARCHAR NOT NULL,
            level          VARCHAR NOT NULL,   -- town | district
            district_code  VARCHAR NOT NULL,
            town_code      VARCHAR NOT NULL,   -- the district code for the district row
            town_name      VARCHAR NOT NULL,
            rank           INTEGER,            -- NULL for the district row
            total          DECIMAL(18,4) NOT NULL,
            base_score     DECIMAL(18,4) NOT NULL,
            bonus          DECIMAL(18,4) NOT NULL,
            deduction      DECIMAL(18,4) NOT NULL,
            maximum        DECIMAL(18,4) NOT NULL,
            grade          VARCHAR NOT NULL,
            vetoed         BOOLEAN NOT NULL,
            veto_reason    VARCHAR,
            pending_items  INTEGER NOT NULL,
            missing_items  INTEGER NOT NULL,
            computed_at    TIMESTAMP NOT NULL
        );
        CREATE TABLE score_item (
            rubric_id      VARCHAR NOT NULL,
            period         VARCHAR NOT NULL,
            town_code      VARCHAR NOT NULL,
            item_code      VARCHAR NOT NULL,
            item_name      VARCHAR NOT NULL,
            section_code   VARCHAR NOT NULL,
            rule_type      VARCHAR NOT NULL,
            status         VARCHAR NOT NULL,
            score          DECIMAL(18,4) NOT NULL,
            maximum        DECIMAL(18,4) NOT NULL,
            explanation    VARCHAR NOT NULL,
            inputs         VARCHAR             -- JSON: input name → value (and previous-year values for growth items)
        );
        CREATE TABLE anomaly_flag (
            kind           VARCHAR NOT NULL,   -- sudden_drop | sudden_spike | ledger_mismatch | duplicate_payments | ...
            severity       VARCHAR NOT NULL,   -- high | medium | low
            level          VARCHAR NOT NULL,   -- town | district
            district_code  VARCHAR NOT NULL,
            town_key       INTEGER,
            town_name      VARCHAR,
            period         VARCHAR NOT NULL,
            indicator_code VARCHAR,
            observed       DECIMAL(18,4),
            expected       DECIMAL(18,4),
            score          DOUBLE,             -- the statistic behind the flag (ratio, robust z, difference)
            numbers        VARCHAR NOT NULL,   -- JSON of the figures behind the flag
            message        VARCHAR NOT NULL,   -- Chinese sentence
            detected_at    TIMESTAMP NOT NULL
        );
        """);
}
