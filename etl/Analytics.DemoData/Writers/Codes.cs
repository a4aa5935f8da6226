using Analytics.DemoData.Simulation;
using Analytics.Sources.Catalog;

namespace Analytics.DemoData.Writers;

/// <summary>Catalog codes for the generator's enums, looked up once so writers never format them per row.</summary>
public static class Codes
{
    private static readonly string[] Categories = SourceCatalog.AssistanceCategories.Select(v => v.Code).ToArray();
    private static readonly string[] EventTypes = SourceCatalog.CaseEventTypes.Select(v => v.Code).ToArray();
    private static readonly string[] Skill = SourceCatalog.SkillLevels.Select(v => v.Code).ToArray();

    public static string Category(AssistanceCategory category) => Categories[(int)category];

    public static string EventType(CaseEventType type) => EventTypes[(int)type];

    public static string SkillLevel(int level) => Skill[level];

    public static readonly string[] StaffRoles = ["care_worker", "nurse", "manager", "other"];
}
