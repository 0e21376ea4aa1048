using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace PureNet.Cli;

/// <summary>
/// An output directory checked before any work: created if missing, refused if it is a file or cannot be written
/// (a probe file is created and removed), so a run is never lost to an --out discovered bad after training.
/// </summary>
public static class OutputDirectory
{
    /// <summary>The directory, ready to write into, or an error naming the command, the option, the path and why.</summary>
    public static Fin<string> Writable(string command, string dir)
    {
        if (string.IsNullOrWhiteSpace(dir)) return FinFail<string>(Error.New($"{command}: --out is empty; give a directory."));
        if (File.Exists(dir)) return FinFail<string>(Error.New($"{command}: --out '{dir}' is a file; give a directory (created if missing)."));
        try
        {
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, $".purenet-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
            return FinSucc(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return FinFail<string>(Error.New($"{command}: --out '{dir}' cannot be written: {e.Message} Nothing was trained."));
        }
    }
}
