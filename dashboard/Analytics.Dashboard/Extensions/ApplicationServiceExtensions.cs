using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Analytics.Dashboard.Admin;
using Analytics.Dashboard.Api;
using Analytics.Dashboard.Briefings;
using Analytics.Dashboard.Components;
using Analytics.Dashboard.Configuration;
using Analytics.Dashboard.Data;
using Analytics.Dashboard.Disclosure;
using Analytics.Dashboard.Evaluation;
using Analytics.Dashboard.Hosting;
using Analytics.Dashboard.Leadership;
using Analytics.Dashboard.Methodology;
using Analytics.Dashboard.Security;
using Analytics.Dashboard.Sql;
using Analytics.Dashboard.Statistics;
using Analytics.Etl.Scheduling;
using Analytics.Warehouse;
using Analytics.Warehouse.Pseudonymisation;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Analytics.Dashboard.Extensions;

/// <summary>Every registration of the host, in one place.</summary>
public static class ApplicationServiceExtensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AnalyticsOptions.Section);
        var settings = section.Get<AnalyticsOptions>() ?? new AnalyticsOptions();
        var services = builder.Services;

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.JsonWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        });

        // Port and address from Analytics:Host/Port unless ASPNETCORE_URLS (or --urls) says otherwise.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls($"http://{settings.Host}:{settings.Port}");
        }

        // No "Server: Kestrel": the answer should not name the software it runs on.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

        // wwwroot and the scoped CSS bundle straight from the build output's manifest (./run runs the build, not a publish).
        builder.WebHost.UseStaticWebAssets();

        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(settings.ShutdownTimeoutSeconds));
        services.Configure<AnalyticsOptions>(section);
        services.TryAddSingletonTimeProvider();

        // The host's own state (accounts, audit log) in its own file beside the warehouse.
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<AnalyticsOptions>>().Value;
            return new AppDatabase(AppDatabase.PathFor(o.DatabasePath, o.AppDatabasePath));
        });

        // The warehouse: opened (migrated and seeded) once; every request and job opens its own connection. An older
        // warehouse still holding the host's state gives it up first (AppStateMove), before anything else opens it.
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<AnalyticsOptions>>().Value.DatabasePath;
            var app = sp.GetRequiredService<AppDatabase>();
            app.EnsureCreated();
            if (AppStateMove.Run(path, app) is { } moved)
            {
                sp.GetRequiredService<AuditLog>().Record(null, "app-state-moved",
                    $"users={moved.Users}; audit rows={moved.AuditRows}; warehouse rewritten without schema app");
            }

            return WarehouseDatabase.Open(path);
        });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<AnalyticsOptions>>().Value;
            return PseudonymKey.Resolve(o.PseudonymKey, o.DatabasePath, o.DemoMode);
        });
        services.AddSingleton<IExtractSourceFactory>(sp =>
            new FileDropSourceFactory(Path.GetFullPath(sp.GetRequiredService<IOptions<AnalyticsOptions>>().Value.SourceFolder)));

        // Hosted services start in this order and stop in the reverse one: the database closes last.
        services.AddHostedService<WarehouseLifetime>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<AuditLog>();
        services.AddHostedService<AdminAccountInitializer>();
        services.AddEtlScheduling();
        services.Configure<EtlSchedulerOptions>(section.GetSection(nameof(AnalyticsOptions.Schedules)));
        services.AddSingleton<BootstrapState>();
        services.AddHostedService<DemoBootstrapper>();

        services.AddSingleton<SuppressionPolicy>();
        services.AddSingleton<WarehouseFigures>();
        services.AddSingleton<PublicStatistics>();
        services.AddSingleton<PublicRates>();
        services.AddSingleton<MethodologyCatalog>();
        services.AddSingleton<AdminQueries>();
        services.Configure<SqlConsoleOptions>(section.GetSection(SqlConsoleOptions.Section));
        services.AddSingleton<SqlSnapshot>();
        services.AddSingleton<SqlSandbox>();
        services.AddHostedService<SqlSnapshotWarmUp>();
        services.AddSingleton<ExportSlots>();
        services.AddSingleton<ParquetExport>();
        services.AddSingleton<LeaderPageCache>();
        services.AddSingleton<SavedQueries.SavedQueryStore>();
        services.AddSingleton<LeadershipScores>();
        services.AddSingleton<Landing.RoleLanding>();
        services.AddHostedService<LeadershipWarmUp>();
        services.AddSingleton<TownProfiles>();
        services.AddSingleton<DistrictComparison>();
        services.AddSingleton<EvaluatorJudgements>();
        services.AddSingleton<EvaluatorFindings>();
        services.AddSingleton<FlagReviews>();
        services.AddSingleton<Analytics.Reports.Browser.ChromiumBrowser>();
        services.AddSingleton<BriefingService>();
        services.AddSingleton<ILoadFollowUp, BriefingFollowUp>();
        services.AddTransient<BriefingJob>();

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "analytics.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/account/login";
                o.AccessDeniedPath = "/account/denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
                o.Events.OnRedirectToLogin = context =>
                {
                    if (IsApi(context.Request))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Task.CompletedTask;
                    }

                    context.Response.Redirect(context.RedirectUri);
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorization(JudgementPolicy.Add);
        services.AddCascadingAuthenticationState();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                // The limiters are one-minute windows: say when to come back, in Chinese.
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (ErrorPages.Styled(context.HttpContext.Request))
                {
                    return ValueTask.CompletedTask; // the styled 429 page (ErrorPages) says it, with the wait
                }

                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                return new ValueTask(context.HttpContext.Response.WriteAsync("请求过于频繁，请稍后再试。(too many requests)"));
            };
            o.AddPolicy(OpenDataApi.RateLimitPolicy, http => PerClient(http, "api", Settings(http).PublicApiRequestsPerMinute));
            o.AddPolicy(AccountEndpoints.LoginRateLimitPolicy, http => PerClient(http, "login", Settings(http).LoginRequestsPerMinute));
        });

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            // Relative to wherever the document was fetched from, rather than echoing the request's Host header.
            document.Servers = [];
            document.Info.Title = "民政公开数据 API (civil-affairs open data)";
            document.Info.Description = "只读。所有计数均已做小数抑制：小于阈值的显示为 \"<10\"，为防推算而隐藏的显示为 \"×\"，其数值为 null。";
            return Task.CompletedTask;
        }));
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddPublicPageCache();
        services.AddRazorComponents();
        return builder;
    }

    public static WebApplication UseApplicationPipeline(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
            Console.Out.WriteLine($"民政数据分析平台已启动 (listening on) {string.Join(", ", app.Urls)}"));
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(error => error.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "text/plain; charset=utf-8";
                return context.Response.WriteAsync("服务器内部错误 (internal error)");
            }));
        }

        app.UseStyledErrorPages();
        app.UseStaticFiles();
        var lib = Path.Combine(AppContext.BaseDirectory, "lib");
        if (Directory.Exists(lib))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(lib), RequestPath = "/lib" });
        }

        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<DistrictScopeMiddleware>();
        app.UseRateLimiter();
        app.UseOutputCache(); // after authentication (signed-in requests are never cached) and the rate limiter (cached API answers still count)
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapOpenDataApi();
        app.MapAccountEndpoints();
        app.MapAdminEndpoints();
        app.MapSqlConsoleEndpoints();
        app.MapLeadershipEndpoints();
        app.MapFindingsEndpoints();
        app.MapBriefingEndpoints();
        app.MapRazorComponents<App>();
        return app;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static AnalyticsOptions Settings(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<AnalyticsOptions>>().Value;

    private static RateLimitPartition<string> PerClient(HttpContext http, string policy, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter($"{policy}:{http.Connection.RemoteIpAddress?.ToString() ?? "unknown"}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
