using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MiniPg.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<MiniPgDbContext>
{
    public MiniPgDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MiniPgDbContext>();
        options.UseMiniPgNpgsql("Host=localhost;Database=minipg");
        return new MiniPgDbContext(options.Options);
    }
}
