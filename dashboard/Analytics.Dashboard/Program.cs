using Analytics.Dashboard.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
app.UseApplicationPipeline();
app.MapApplicationEndpoints();
app.Run();

/// <summary>The host's entry point; public so that integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;
