namespace MiniPg;

/// <summary>
/// The names of the resources in the AppHost model. Connection strings and service-discovery keys derive from them
/// (<c>ConnectionStrings__minipg</c>, <c>services__acquirer__http__0</c>), so services, the AppHost and the tests share them.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Database = "minipg";
    public const string Redis = "redis";
    public const string Kafka = "kafka";
    public const string AcquirerDatabase = "acquirerdb";
    public const string Acquirer = "acquirer";
    public const string Migrations = "migrations";
    public const string Api = "api";
    public const string Processor = "processor";
    public const string Settlement = "settlement";
    public const string Webhooks = "webhooks";
    public const string WebhookReceiver = "webhook-receiver";
    public const string OperatorKey = "operator-key";
    public const string CardVaultKey = "card-vault-key";
    public const string AcquirerKey = "acquirer-key";
}
