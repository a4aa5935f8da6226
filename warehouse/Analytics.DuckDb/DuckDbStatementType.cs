namespace Analytics.DuckDb;

/// <summary>
/// What kind of statement DuckDB prepared (the C API's <c>duckdb_statement_type</c>). DuckDB's own transformer decides
/// it: <c>DESCRIBE</c>, <c>SHOW</c>, <c>SUMMARIZE</c>, <c>PIVOT</c> and <c>FROM t</c> are <see cref="Select"/>; a
/// <c>PRAGMA</c> that expands to a query is the query's type.
/// </summary>
public enum DuckDbStatementType
{
    Invalid = 0,
    Select = 1,
    Insert = 2,
    Update = 3,
    Explain = 4,
    Delete = 5,
    Prepare = 6,
    Create = 7,
    Execute = 8,
    Alter = 9,
    Transaction = 10,
    Copy = 11,
    Analyze = 12,
    VariableSet = 13,
    CreateFunction = 14,
    Drop = 15,
    Export = 16,
    Pragma = 17,
    Vacuum = 18,
    Call = 19,
    Set = 20,
    Load = 21,
    Relation = 22,
    Extension = 23,
    LogicalPlan = 24,
    Attach = 25,
    Detach = 26,
    Multi = 27,
}
