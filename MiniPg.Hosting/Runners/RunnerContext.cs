using Microsoft.Extensions.Logging;

namespace MiniPg.Hosting;

internal sealed record RunnerContext(
    HostingSettings Settings,
    ResourceNotificationService Notifications,
    ILogger Logger,
    HttpClient HttpClient);
