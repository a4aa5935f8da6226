namespace Analytics.Metrics.Warehouse.Findings;

/// <summary>A rubric item (or veto) whose cases come from the register, with the findings inputs it reads.</summary>
public sealed record FindingItem(string Code, string Name, Frequency Frequency, IReadOnlyList<InputDefinition> Inputs, bool IsVeto)
{
    /// <summary>"G2 分散供养特困人员照料服务落实不到位", for pickers and messages.</summary>
    public string Title => $"{Code} {Name}";
}

/// <summary>The items of a rubric that read inputs declared <c>source: findings</c>.</summary>
public static class FindingItems
{
    public static IReadOnlyList<FindingItem> Of(Rubric rubric)
    {
        var list = new List<FindingItem>();
        foreach (var item in rubric.Items)
        {
            var inputs = item.Inputs.Values.Distinct().Select(rubric.FindInput).OfType<InputDefinition>().Where(i => i.IsFinding).ToList();
            if (inputs.Count > 0)
            {
                list.Add(new FindingItem(item.Code, item.Name, item.Frequency, inputs, false));
            }
        }

        foreach (var veto in rubric.Vetoes)
        {
            if (rubric.FindInput(veto.Input) is { IsFinding: true } input)
            {
                list.Add(new FindingItem(veto.Code, veto.Name, Frequency.Annual, [input], true));
            }
        }

        return list;
    }

    public static FindingItem? Find(Rubric rubric, string code) => Of(rubric).FirstOrDefault(i => i.Code == code);
}
