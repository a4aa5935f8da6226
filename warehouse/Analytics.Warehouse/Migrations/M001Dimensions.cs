using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Migrations;

/// <summary>Conformed dimensions: region (with history and aliases), date, quarter, source system, indicator.</summary>
internal sealed class M001Dimensions : Migration
{
    public override int Version => 1;
    public override string Description => "conformed dimensions";

    public override void Apply(DuckDBConnection connection) => Execute(connection, """
        -- One row per version of a town: a rename or boundary change closes the old row (valid_to)
        -- and opens a new one, so facts keep pointing at the town as it was when they happened.
        CREATE TABLE dim_region (
            town_key       INTEGER PRIMARY KEY,
            district_code  VARCHAR NOT NULL,
            district_name  VARCHAR NOT NULL,
            town_code      VARCHAR NOT NULL,   -- stable across renames: district_code/original name
            town_name      VARCHAR NOT NULL,
            town_type      VARCHAR NOT NULL,   -- 街道 | 镇
            valid_from     DATE NOT NULL,
            valid_to       DATE,               -- NULL: current
            change_note    VARCHAR
        );
        -- Names people write for a town (岳阳 for 岳阳街道), resolved to the town's current version.
        CREATE TABLE dim_region_alias (
            district_code VARCHAR NOT NULL,
            alias         VARCHAR NOT NULL,
            town_code     VARCHAR NOT NULL,
            PRIMARY KEY (district_code, alias)
        );
        -- Region changes (区划调整) already applied to dim_region, so a reload never applies one twice.
        CREATE TABLE dim_region_change (
            change_id      VARCHAR PRIMARY KEY,
            effective_date DATE NOT NULL,
            change_type    VARCHAR NOT NULL,   -- rename | merge | split | establish | abolish
            district_code  VARCHAR NOT NULL,
            old_town_name  VARCHAR,
            new_town_name  VARCHAR,
            note           VARCHAR,
            applied_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
        );
        CREATE TABLE dim_quarter (
            quarter_key   INTEGER PRIMARY KEY,  -- 20243 for 2024Q3
            label         VARCHAR NOT NULL,     -- 2024Q3
            year          INTEGER NOT NULL,
            quarter       INTEGER NOT NULL,
            first_day     DATE NOT NULL,
            last_day      DATE NOT NULL
        );
        CREATE TABLE dim_date (
            date_key      INTEGER PRIMARY KEY,  -- 20240731
            date          DATE NOT NULL,
            year          INTEGER NOT NULL,
            quarter_key   INTEGER NOT NULL,
            month         INTEGER NOT NULL,
            day_of_month  INTEGER NOT NULL,
            iso_weekday   INTEGER NOT NULL
        );
        CREATE TABLE dim_source_system (
            source_key    INTEGER PRIMARY KEY,
            feed          VARCHAR NOT NULL UNIQUE,  -- assistance, verification, ...
            name          VARCHAR NOT NULL,         -- 社会救助信息系统
            description   VARCHAR
        );
        CREATE TABLE dim_indicator (
            indicator_code VARCHAR PRIMARY KEY,
            name_zh        VARCHAR NOT NULL,
            name_en        VARCHAR NOT NULL,
            unit           VARCHAR,
            direction      VARCHAR NOT NULL,        -- higher | lower
            domain         VARCHAR,
            source_feed    VARCHAR,
            definition_sql VARCHAR
        );
        """);
}
