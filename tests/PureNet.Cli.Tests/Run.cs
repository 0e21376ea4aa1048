using PureNet.Cli;

namespace PureNet.Cli.Tests;

/// <summary>Runs the purenet command in-process with output captured (as when redirected).</summary>
internal static class Run
{
    public static (int Code, string Output) Purenet(params string[] args)
    {
        var writer = new StringWriter();
        var code = Cli.Run(args, Terminal.Plain(writer));
        return (code, writer.ToString());
    }

    /// <summary>Runs purenet with standard output and standard error captured apart.</summary>
    public static (int Code, string Output, string Errors) Separately(params string[] args)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var code = Cli.Run(args, Terminal.Plain(output, errors));
        return (code, output.ToString(), errors.ToString());
    }

    /// <summary>A quick training run on a small part of the embedded data; <paramref name="extra"/> options override the defaults.</summary>
    public static (int Code, string Output) QuickTrain(string outDir, params string[] extra)
    {
        string[] defaults = ["--epochs", "2", "--batch", "50", "--limit-train", "300", "--limit-test", "100"];
        var kept = new List<string>();
        for (var i = 0; i < defaults.Length; i += 2)
            if (!extra.Contains(defaults[i])) kept.AddRange([defaults[i], defaults[i + 1]]);
        return Purenet(["train", .. kept, "--out", outDir, .. extra]);
    }
}
