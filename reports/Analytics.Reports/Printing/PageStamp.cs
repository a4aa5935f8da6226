using System.Net;
using Analytics.Reports.Content;

namespace Analytics.Reports.Printing;

/// <summary>
/// The header and footer Chromium prints on every page: issuer, number and title above; page x of y, generation
/// time, data as-of, data version and rubric version below. Values are HTML-encoded into Chromium's templates.
/// </summary>
public sealed record PageStamp(string Header, string Footer)
{
    public static PageStamp Of(BriefingStamp stamp, string title) => new(
        $"{stamp.Issuer} · {stamp.DocumentNumber}　{title}",
        $"生成 {ChineseNumbers.ShortTime(stamp.GeneratedAt)} · 数据截至 {ChineseNumbers.ShortTime(stamp.DataAsOf)} · 数据版本 {stamp.DataVersion} · 评分方案 {stamp.RubricId} 版本 {stamp.RubricVersion}");

    // Chromium renders the templates in their own tiny page: styles must be inline and sizes explicit.
    private const string Box = "font-family:'Noto Sans CJK SC',sans-serif;font-size:7.5pt;color:#555;width:100%;margin:0 18mm;display:flex;justify-content:space-between;gap:4mm;";

    public string HeaderTemplate => $"<div style=\"{Box}border-bottom:0.5pt solid #c00;padding-bottom:1mm;\"><span>{WebUtility.HtmlEncode(Header)}</span></div>";

    public string FooterTemplate =>
        $"<div style=\"{Box}\"><span>{WebUtility.HtmlEncode(Footer)}</span>" +
        "<span style=\"white-space:nowrap\">第 <span class=\"pageNumber\"></span> 页 / 共 <span class=\"totalPages\"></span> 页</span></div>";
}
