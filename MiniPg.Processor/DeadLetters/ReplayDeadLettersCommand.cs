using MiniPg.Infrastructure.Hosting;
using MiniPg.Infrastructure.Messaging;
using MiniPg.Infrastructure.Persistence;
using MiniPg.Processor.Consuming;

namespace MiniPg.Processor.DeadLetters;

/// <summary>
/// <c>MiniPg.Processor replay-dead-letters</c>: the <see cref="DeadLetterReplayer"/> from the command line, beside a
/// running AppHost (whose connection strings it finds) or pointed at a broker with <c>ConnectionStrings__kafka</c>;
/// given <c>ConnectionStrings__minipg</c> as well, it records each replay on its payment's timeline.
/// </summary>
public static class ReplayDeadLettersCommand
{
    public const string Verb = "replay-dead-letters";

    public static Task<int> RunAsync(string[] args) =>
        CommandLineHost.RunAsync(
            args,
            builder =>
            {
                builder.AddMiniPgKafka();
                if (builder.Configuration.GetConnectionString(ResourceNames.Database) is not null)
                {
                    // With the database, each replay is recorded on its payment's timeline too.
                    builder.AddMiniPgDatabase();
                }

                builder.Services.AddSingleton<ProcessingActivities>();
                builder.Services.AddSingleton<DeadLetterReplayer>();
            },
            async (services, _) =>
            {
                var replayed = await services.GetRequiredService<DeadLetterReplayer>().ReplayAsync(CancellationToken.None);
                await Console.Out.WriteLineAsync($"{replayed} dead letter(s) replayed.");
                return 0;
            });
}
