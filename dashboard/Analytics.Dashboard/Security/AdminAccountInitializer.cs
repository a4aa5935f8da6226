using Analytics.Dashboard.Configuration;
using Analytics.Dashboard.Data;
using Microsoft.Extensions.Options;

namespace Analytics.Dashboard.Security;

/// <summary>
/// At start: creates the app schema, and the <c>admin</c> account when there is none. Its password comes from
/// <c>ANALYTICS_ADMIN_PASSWORD</c> (or <c>Analytics:AdminPassword</c>), which also resets an existing admin's
/// password; otherwise a random one is printed once to the console. No password is written in code.
/// </summary>
public sealed class AdminAccountInitializer(
    AppDatabase database,
    UserStore users,
    AuditLog audit,
    IOptions<AnalyticsOptions> options,
    IConfiguration configuration,
    ILogger<AdminAccountInitializer> logger) : IHostedService
{
    public const string AdminUser = "admin";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        database.EnsureCreated();
        var configured = configuration[AnalyticsOptions.AdminPasswordVariable];
        if (string.IsNullOrEmpty(configured))
        {
            configured = options.Value.AdminPassword;
        }

        if (!string.IsNullOrEmpty(configured))
        {
            var existed = users.Exists(AdminUser);
            users.Save(AdminUser, configured, [Roles.Admin]);
            audit.Record(null, existed ? "admin-password-reset" : "admin-created", "password from configuration");
            logger.LogInformation("Admin account {State} with the configured password", existed ? "reset" : "created");
        }
        else if (!users.Exists(AdminUser))
        {
            var password = PasswordHasher.RandomPassword();
            users.Save(AdminUser, password, [Roles.Admin]);
            audit.Record(null, "admin-created", "random password printed once");
            Console.Out.WriteLine($"""

                ================================================================
                首次启动：已创建管理员账号 (first start: admin account created)
                  用户名 (user):     {AdminUser}
                  密码 (password):   {password}
                此密码只显示这一次 (shown only once); 设置 {AnalyticsOptions.AdminPasswordVariable} 可重置。
                ================================================================

                """);
            Console.Out.Flush();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
