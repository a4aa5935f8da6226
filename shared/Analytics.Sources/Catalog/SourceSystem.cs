namespace Analytics.Sources.Catalog;

/// <summary>The systems (源系统) the warehouse extracts from.</summary>
public enum SourceSystem
{
    /// <summary>社会救助信息系统.</summary>
    SocialAssistance,
    /// <summary>居民经济状况核对系统.</summary>
    MeansVerification,
    /// <summary>养老服务"云监管"平台 (with the 市级助餐管理平台's meal counts).</summary>
    ElderlyCareSupervision,
    /// <summary>社会组织登记管理系统.</summary>
    SocialOrganisationRegistry,
    /// <summary>街镇季度台账: spreadsheets the towns fill in.</summary>
    TownLedger,
    /// <summary>人口与区划基础数据 (统计/公安人口数据, 区划变更).</summary>
    RegionReference,
}
