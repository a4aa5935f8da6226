using Analytics.DuckDb.Tests.Support;
using Dapper;

namespace Analytics.DuckDb.Tests;

public sealed class DapperTests : DuckDbTestBase
{
    public sealed record Payment(long Id, string Street, decimal Amount, DateTime PaidAt);

    public sealed record DayRow
    {
        public DateOnly Day { get; init; }
        public TimeOnly At { get; init; }
        public long N { get; init; }
    }

    public sealed class PaymentRow
    {
        public int Id { get; set; }
        public string? Street { get; set; }
        public decimal? Amount { get; set; }
    }

    public DapperTests()
    {
        Execute("CREATE TABLE payments (id BIGINT, street VARCHAR, amount DECIMAL(18,2), paid_at TIMESTAMP)");
        Execute("""
            INSERT INTO payments VALUES
              (1, '岳阳街道', 10.10, '2024-01-01 08:00:00'),
              (2, 'Main St', 20.20, '2024-01-02 09:30:00'),
              (3, NULL, NULL, '2024-01-03 10:00:00')
            """);
    }

    [Fact]
    public void Query_maps_rows_to_a_record()
    {
        var rows = Connection.Query<Payment>("SELECT id, street, amount, paid_at AS PaidAt FROM payments WHERE id <= 2 ORDER BY id").ToList();
        Assert.Equal(
        [
            new Payment(1, "岳阳街道", 10.10m, new DateTime(2024, 1, 1, 8, 0, 0)),
            new Payment(2, "Main St", 20.20m, new DateTime(2024, 1, 2, 9, 30, 0)),
        ], rows);
    }

    [Fact]
    public void Query_maps_rows_to_a_class_with_nulls()
    {
        var row = Connection.QuerySingle<PaymentRow>("SELECT id, street, amount FROM payments WHERE id = 3");
        Assert.Equal(3, row.Id);
        Assert.Null(row.Street);
        Assert.Null(row.Amount);
    }

    [Fact]
    public void Query_binds_a_named_parameter_from_an_anonymous_object()
    {
        var street = Connection.QuerySingle<string>("SELECT street FROM payments WHERE id = $x", new { x = 1 });
        Assert.Equal("岳阳街道", street);
    }

    [Fact]
    public void Query_ignores_unused_properties_of_the_parameter_object()
    {
        var ids = Connection.Query<long>("SELECT id FROM payments WHERE amount > $min ORDER BY id", new { min = 15m, unused = "x", other = 3 }).ToList();
        Assert.Equal([2L], ids);
    }

    [Fact]
    public void Execute_with_a_list_of_parameter_objects_inserts_each()
    {
        var inserted = Connection.Execute("INSERT INTO payments (id, street) VALUES ($id, $street)",
            new[] { new { id = 10L, street = "a" }, new { id = 11L, street = "b" } });
        Assert.Equal(2, inserted);
        Assert.Equal(2L, Connection.ExecuteScalar<long>("SELECT count(*) FROM payments WHERE id >= 10"));
    }

    [Fact]
    public void DynamicParameters_bind_by_name_in_any_order()
    {
        var parameters = new DynamicParameters();
        parameters.Add("hi", 2L);
        parameters.Add("lo", 1L);
        var sum = Connection.ExecuteScalar<decimal>("SELECT sum(amount) FROM payments WHERE id BETWEEN $lo AND $hi", parameters);
        Assert.Equal(30.30m, sum);
    }

    [Fact]
    public void Dapper_binds_timestamps_guids_and_decimals_and_reads_DateOnly()
    {
        var id = Guid.Parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        var row = Connection.QuerySingle<(DateTime At, Guid Id, decimal Amount)>(
            "SELECT $at::TIMESTAMP + INTERVAL 1 DAY, $id::UUID, $amount * 2", new { at = new DateTime(2024, 1, 31), id, amount = 1.25m });
        Assert.Equal((new DateTime(2024, 2, 1), id, 2.50m), row);
        // A DATE column maps onto a DateOnly member. (Dapper 2.1 itself neither binds DateOnly
        // parameters nor maps a bare QuerySingle<DateOnly>; bind DateTime and map to a member.)
        var day = Connection.QuerySingle<DayRow>("SELECT DATE '2024-02-29' AS Day, TIME '01:02:03' AS At, 5 AS N");
        Assert.Equal(new DayRow { Day = new DateOnly(2024, 2, 29), At = new TimeOnly(1, 2, 3), N = 5 }, day);
    }

    [Fact]
    public void Query_reads_aggregates_and_scalars()
    {
        Assert.Equal(3L, Connection.ExecuteScalar<long>("SELECT count(*) FROM payments"));
        Assert.Equal(30.30m, Connection.QuerySingle<decimal>("SELECT sum(amount) FROM payments"));
    }
}
