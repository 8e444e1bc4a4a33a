using System.Runtime.InteropServices;

namespace MiniPg.Hosting;

/// <summary>kill(2): the only way to signal a process that is not our child (an orphan of an earlier AppHost).</summary>
internal static partial class NativeMethods
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int processId, int signal);
}
