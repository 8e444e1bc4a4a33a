using Microsoft.Extensions.Options;

namespace MiniPg.WebhookReceiver.Receiving;

/// <summary>The signing secrets of the endpoints this receiver is, in memory only: a restart forgets the registered ones.</summary>
public sealed class KnownSecrets(IOptions<ReceiverOptions> options)
{
    private readonly Lock _gate = new();
    private readonly List<string> _secrets = [.. options.Value.Secrets];

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _secrets];
            }
        }
    }

    public void Add(string secret)
    {
        lock (_gate)
        {
            if (!_secrets.Contains(secret, StringComparer.Ordinal))
            {
                _secrets.Add(secret);
            }
        }
    }
}
