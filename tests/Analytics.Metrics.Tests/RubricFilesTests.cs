using Analytics.Metrics;

namespace Analytics.Metrics.Tests;

public class RubricFilesTests
{
    public static TheoryData<string> Ids => new() { "changning-2023", "songjiang-2024", "qingpu-2024", "putuo-2024" };

    [Theory]
    [MemberData(nameof(Ids))]
    public void Embedded_rubric_loads_and_its_section_maxima_add_up_to_the_stated_total(string id)
    {
        var rubric = RubricCatalog.Get(id);
        Assert.Equal(rubric.Total, rubric.Sections.Where(s => s.Kind == SectionKind.Standard).Sum(s => s.Maximum));
        foreach (var section in rubric.Sections.Where(s => s.Kind == SectionKind.Standard && !s.IsWeighted))
        {
            Assert.Equal(section.Maximum, section.Items.Sum(i => i.Maximum));
        }
    }
}
