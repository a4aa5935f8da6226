using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Analytics.Reports.Content;

namespace Analytics.Reports.Html;

/// <summary>
/// Renders the document components to HTML strings without a web host (Blazor's <see cref="HtmlRenderer"/>), with
/// Razor's own escaping. One renderer for the life of the object; safe to call from several threads.
/// </summary>
public sealed class BriefingHtml : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HtmlRenderer _renderer;

    public BriefingHtml()
    {
        _services = new ServiceCollection().AddLogging().BuildServiceProvider();
        _renderer = new HtmlRenderer(_services, _services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance);
    }

    public Task<string> DistrictAsync(DistrictBriefing briefing) =>
        RenderAsync<DistrictBriefingDocument>(new Dictionary<string, object?> { [nameof(DistrictBriefingDocument.Briefing)] = briefing });

    /// <summary>A town's 成绩单, or its 贡献明细 when the district rubric scores the district as a whole.</summary>
    public Task<string> TownAsync(TownScorecard scorecard) => scorecard.Contribution is null
        ? RenderAsync<TownScorecardDocument>(new Dictionary<string, object?> { [nameof(TownScorecardDocument.Scorecard)] = scorecard })
        : RenderAsync<TownContributionDocument>(new Dictionary<string, object?> { [nameof(TownContributionDocument.Sheet)] = scorecard });

    private Task<string> RenderAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent =>
        _renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await _renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return "<!DOCTYPE html>\n" + output.ToHtmlString();
        });

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }
}
