namespace MiniPg.Hosting;

/// <summary>
/// Describes a .NET project the AppHost runs. The AppHost build generates one implementation per referenced project
/// (<c>Projects.MiniPg_Api</c>), with both paths resolved by MSBuild.
/// </summary>
public interface IProjectMetadata
{
    /// <summary>The full path of the project file; its folder is the content root.</summary>
    string ProjectPath { get; }

    /// <summary>The full path of the built assembly that <c>dotnet</c> runs.</summary>
    string AssemblyPath { get; }
}
