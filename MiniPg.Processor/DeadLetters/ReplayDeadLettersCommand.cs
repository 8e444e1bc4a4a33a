using MiniPg.Infrastructure.Hosting;
using MiniPg.Infrastructure.Messaging;

namespace MiniPg.Processor.DeadLetters;

/// <summary>
/// <c>MiniPg.Processor replay-dead-letters</c>: the <see cref="DeadLetterReplayer"/> from the command line, beside a
/// running AppHost (whose connection strings it finds) or pointed at a broker with <c>ConnectionStrings__kafka</c>.
/// </summary>
public static class ReplayDeadLettersCommand
{
    public const string Verb = "replay-dead-letters";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        LocalAppHost.AddConnectionStrings(builder.Configuration);
        builder.AddMiniPgKafka();
        builder.Services.AddSingleton<DeadLetterReplayer>();
        using var host = builder.Build();
        var replayed = await host.Services.GetRequiredService<DeadLetterReplayer>().ReplayAsync(CancellationToken.None);
        await Console.Out.WriteLineAsync($"{replayed} dead letter(s) replayed.");
        return 0;
    }
}
