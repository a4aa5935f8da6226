using System.Text;

namespace Analytics.Metrics.Warehouse.Quantities;

/// <summary>
/// The closing section of docs/rubric-inputs.md: every rubric input with the SQL that measures it, generated from
/// <see cref="QuantityCatalog"/> so the document cannot drift from what the warehouse computes (a test compares them).
/// </summary>
public static class RubricInputSql
{
    public const string Heading = "## SQL of every input (generated)";

    public static string Markdown()
    {
        var text = new StringBuilder();
        text.Append(Heading).Append("\n\n");
        text.Append("Generated from `QuantityCatalog` by `RubricInputSql.Markdown()`; `RubricInputSqlTests` fails when this section and the\n");
        text.Append("catalog differ. Each statement measures the input per 街镇 (`town_key`) and quarter (`quarter_key`) over one fact table\n");
        text.Append("(alias `f`); a district is the sum of its 街镇 plus the rows the source places in no 街镇, a year follows the input's kind.\n\n");
        var inputs = RubricCatalog.All.SelectMany(r => r.Inputs).DistinctBy(i => i.Name).OrderBy(i => i.Name, StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var name = input.Name;
            if (input.IsFinding)
            {
                // Findings are recorded by the bureau, not measured from the facts (docs/findings-register.md).
                text.Append($"- `{name}` {input.Meaning}（{input.Unit}）: 督查发现台账 — the cases recorded for the item, once its inspection is closed\n");
                continue;
            }

            if (QuantityCatalog.Find(name) is not { } quantity)
            {
                text.Append($"- `{name}`: not measured by the warehouse\n");
                continue;
            }

            text.Append($"- `{name}` {quantity.Label}（{quantity.Unit}）, {Kind(quantity.Kind)}{(quantity.ZeroWhenAbsent ? "" : "; unknown, not 0, when the 街镇 sent no ledger")}:\n");
            text.Append($"  `{quantity.DefinitionSql}`\n");
        }

        return text.ToString();
    }

    private static string Kind(QuantityKind kind) => kind switch
    {
        QuantityKind.Flow => "flow (a year sums its quarters)",
        QuantityKind.Stock => "stock (a year is its last loaded quarter)",
        _ => "maximum (a year is the largest quarter)",
    };
}
