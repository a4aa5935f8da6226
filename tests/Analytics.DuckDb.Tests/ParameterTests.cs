using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

public sealed class ParameterTests : DuckDbTestBase
{
    [Fact]
    public void Positional_parameters_fill_dollar_numbers_in_order()
    {
        Assert.Equal("b-1", Single<string>("SELECT $2 || '-' || $1::VARCHAR", 1, "b"));
    }

    [Fact]
    public void Question_mark_parameters_fill_in_order()
    {
        Assert.Equal(7L, Single<long>("SELECT ?::BIGINT + ?::BIGINT", 3, 4));
    }

    [Fact]
    public void A_positional_parameter_may_be_used_twice()
    {
        Assert.Equal(10, Single<int>("SELECT $1 + $1", 5));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("$x")]
    [InlineData("@x")]
    [InlineData(":x")]
    public void Named_parameters_bind_with_or_without_a_prefix(string name)
    {
        using var command = new DuckDbCommand("SELECT $x * 2 + $y", Connection);
        command.Parameters.AddWithValue("y", 1);
        command.Parameters.AddWithValue(name, 20);
        Assert.Equal(41, command.ExecuteScalar());
    }

    [Fact]
    public void Named_binding_ignores_unused_named_parameters()
    {
        using var command = new DuckDbCommand("SELECT $a", Connection);
        command.Parameters.AddWithValue("a", "used");
        command.Parameters.AddWithValue("b", "unused");
        Assert.Equal("used", command.ExecuteScalar());
    }

    [Fact]
    public void Positional_parameters_may_be_given_positional_names()
    {
        using var command = new DuckDbCommand("SELECT $1 - $2", Connection);
        command.Parameters.AddWithValue("$2", 1);
        command.Parameters.AddWithValue("$1", 10);
        Assert.Equal(9, command.ExecuteScalar());
    }

    [Fact]
    public void Too_few_positional_parameters_give_an_error_naming_expected_and_supplied()
    {
        var error = Assert.Throws<DuckDbException>(() => Scalar("SELECT $1, $2", 1));
        Assert.Equal("The statement expects 2 parameter(s) but 1 were supplied.", error.Message);
    }

    [Fact]
    public void Too_many_positional_parameters_give_an_error_naming_expected_and_supplied()
    {
        var error = Assert.Throws<DuckDbException>(() => Scalar("SELECT $1", 1, 2, 3));
        Assert.Equal("The statement expects 1 parameter(s) but 3 were supplied.", error.Message);
    }

    [Fact]
    public void Parameters_for_a_statement_without_placeholders_are_an_error()
    {
        var error = Assert.Throws<DuckDbException>(() => Scalar("SELECT 1", 1));
        Assert.Equal("The statement expects 0 parameter(s) but 1 were supplied.", error.Message);
    }

    [Fact]
    public void A_missing_named_parameter_is_an_error_naming_it()
    {
        using var command = new DuckDbCommand("SELECT $present, $absent", Connection);
        command.Parameters.AddWithValue("present", 1);
        var error = Assert.Throws<DuckDbException>(() => command.ExecuteScalar());
        Assert.Equal("No value was supplied for parameter $absent.", error.Message);
    }

    [Fact]
    public void Unsupported_parameter_value_types_are_rejected_clearly()
    {
        var error = Assert.Throws<NotSupportedException>(() => Scalar("SELECT $1", new object()));
        Assert.Contains("Object", error.Message);
    }

    [Fact]
    public void A_command_executes_a_thousand_times_with_new_values()
    {
        Execute("CREATE TABLE numbers (n INTEGER, label VARCHAR)");
        using var insert = new DuckDbCommand("INSERT INTO numbers VALUES ($1, $2)", Connection);
        var n = insert.Parameters.AddValue(null);
        var label = insert.Parameters.AddValue(null);
        for (var i = 0; i < 1000; i++)
        {
            n.Value = i;
            label.Value = i % 2 == 0 ? $"even {i}" : null;
            Assert.Equal(1, insert.ExecuteNonQuery());
        }

        Assert.Equal(499500L, Single<long>("SELECT sum(n)::BIGINT FROM numbers"));
        Assert.Equal(500L, Single<long>("SELECT count(label) FROM numbers"));
        Assert.Equal("even 998", Single<string>("SELECT label FROM numbers WHERE n = 998"));
    }

    [Fact]
    public void Prepare_then_execute_reuses_the_statement()
    {
        using var command = new DuckDbCommand("SELECT $1::INTEGER * 3", Connection);
        var parameter = command.Parameters.AddValue(0);
        command.Prepare();
        for (var i = 0; i < 100; i++)
        {
            parameter.Value = i;
            Assert.Equal(i * 3, command.ExecuteScalar());
        }
    }

    [Fact]
    public void Changing_the_command_text_prepares_the_new_text()
    {
        using var command = new DuckDbCommand("SELECT 1", Connection);
        Assert.Equal(1, command.ExecuteScalar());
        command.CommandText = "SELECT 2";
        Assert.Equal(2, command.ExecuteScalar());
    }

    [Fact]
    public void Every_statement_of_a_multi_statement_command_binds_its_named_parameters()
    {
        Execute("CREATE TABLE kv (k VARCHAR, v INTEGER)");
        using var command = new DuckDbCommand("INSERT INTO kv VALUES ($k, $v); SELECT v FROM kv WHERE k = $k", Connection);
        command.Parameters.AddWithValue("k", "a");
        command.Parameters.AddWithValue("v", 5);
        Assert.Equal(5, command.ExecuteScalar());
    }
}
