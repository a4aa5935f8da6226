using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Migrations;

/// <summary>Load runs, quarantined rows and the record of what a resubmission changed.</summary>
internal sealed class M002LoadBookkeeping : Migration
{
    public override int Version => 2;
    public override string Description => "load runs, quarantine, resubmission changes";

    public override void Apply(DuckDBConnection connection) => Execute(connection, """
        CREATE TABLE warehouse_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
        CREATE SEQUENCE etl_run_id START 1;
        -- One row per load of one source feed and quarter. read = loaded + quarantined always.
        CREATE TABLE etl_run (
            run_id        BIGINT PRIMARY KEY,
            feed          VARCHAR NOT NULL,
            quarter_key   INTEGER NOT NULL,
            transport     VARCHAR NOT NULL,      -- files | postgres
            origin        VARCHAR NOT NULL,      -- drop folder or database
            trigger       VARCHAR NOT NULL,      -- schedule | operator | cli
            started_at    TIMESTAMP NOT NULL,
            finished_at   TIMESTAMP,
            status        VARCHAR NOT NULL,      -- succeeded | failed
            rows_read     BIGINT NOT NULL DEFAULT 0,
            rows_loaded   BIGINT NOT NULL DEFAULT 0,
            rows_quarantined BIGINT NOT NULL DEFAULT 0,
            files         INTEGER NOT NULL DEFAULT 0,
            duration_ms   BIGINT,
            replaced_run_id BIGINT,              -- the earlier load of the same feed/quarter this one replaced
            message       VARCHAR,
            steps         VARCHAR                -- JSON: milliseconds per step (read, validate, insert, commit, ...)
        );
        -- Every row that was read but not loaded, with where it came from and why.
        CREATE TABLE etl_quarantine (
            run_id        BIGINT NOT NULL,
            feed          VARCHAR NOT NULL,
            quarter_key   INTEGER NOT NULL,
            file          VARCHAR NOT NULL,
            row_number    BIGINT NOT NULL,       -- 1-based data row (header excluded)
            field         VARCHAR,               -- first offending column
            reason        VARCHAR NOT NULL,      -- Chinese, every problem of the row
            raw           VARCHAR                -- the row as read, with personal fields masked
        );
        -- What a corrected resubmission changed, per fact table.
        CREATE TABLE etl_change (
            run_id          BIGINT NOT NULL,
            replaced_run_id BIGINT NOT NULL,
            fact_table      VARCHAR NOT NULL,
            rows_before     BIGINT NOT NULL,
            rows_after      BIGINT NOT NULL,
            keys_added      BIGINT NOT NULL,
            keys_removed    BIGINT NOT NULL,
            keys_changed    BIGINT NOT NULL
        );
        """);
}
