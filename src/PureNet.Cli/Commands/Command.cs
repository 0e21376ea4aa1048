using System.Collections.Immutable;
using LanguageExt;

namespace PureNet.Cli;

/// <summary>A subcommand: its name, help text, options and what it does (an exit code, or an error the edge prints).</summary>
public sealed record Command(string Name, string Summary, ImmutableArray<OptionSpec> Options, Func<Args, Terminal, Fin<int>> Run, bool Hidden = false, string? Example = null)
{
    public string Help()
    {
        var lines = new List<string> { $"purenet {Name} — {Summary}", "", $"Usage: purenet {Name} [options]", "", "Options:" };
        var width = Options.Select(o => o.Usage.Length).Append("--help".Length).Max() + 2;
        foreach (var o in Options)
            lines.Add($"  {o.Usage.PadRight(width)}{o.Help}{(o.Default is { } d ? $" (default: {d})" : "")}");
        lines.Add($"  {"--help".PadRight(width)}Show this help.");
        if (Example is { } e) { lines.Add(""); lines.Add("Example:"); lines.Add($"  {e}"); }
        return string.Join(Environment.NewLine, lines);
    }
}
