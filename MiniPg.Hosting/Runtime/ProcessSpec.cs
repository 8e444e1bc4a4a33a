namespace MiniPg.Hosting;

/// <summary>What to run: the program, its arguments, its working folder and the variables added to the inherited environment.</summary>
internal sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment)
{
    public override string ToString() => string.Join(' ', Arguments.Prepend(FileName));
}
