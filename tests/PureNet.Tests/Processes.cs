using System.Diagnostics;

namespace PureNet.Tests;

/// <summary>Runs a program as a user would from a shell, for the tests that pack, install and run what the repository ships.</summary>
internal static class Processes
{
    /// <summary>Runs <paramref name="program"/> in <paramref name="directory"/> to its end (5 minutes at most); its exit code and its output and errors together.</summary>
    public static (int Code, string Output) Run(string program, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // MSBuild nodes left running would hold this test's pipes open after the build, and cores after the test.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) { process.Kill(true); return (-1, $"{program} {string.Join(' ', args)}: timed out after 5 minutes"); }
        return (process.ExitCode, output.Result + errors.Result);
    }

    public static (int Code, string Output) Dotnet(string directory, params string[] args) => Run("dotnet", directory, args);
}
