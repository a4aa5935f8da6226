// The host of the product. Later work makes it the Blazor dashboard with the scheduler inside;
// for now it answers liveness so the project has a runnable web entry point.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.Run();
