using System.Collections.Immutable;
using LanguageExt;

namespace PureNet.Cli;

/// <summary>
/// A subcommand: its name, help text, options and what it does (an exit code, or an error the edge prints).
/// <see cref="Note"/> says which general options it does not take, and why.
/// </summary>
public sealed record Command(string Name, string Summary, ImmutableArray<OptionSpec> Options, Func<Args, Terminal, Fin<int>> Run, bool Hidden = false, string? Example = null, string? Note = null)
{
    public string Help()
    {
        var lines = new List<string> { $"purenet {Name} — {Summary}", "", $"Usage: purenet {Name} [options]", "", "Options:" };
        var width = Options.Select(o => o.Usage.Length).Append("-h, --help".Length).Max() + 2;
        foreach (var o in Options)
            lines.Add($"  {o.Usage.PadRight(width)}{o.Help}{(o.Default is { } d ? $" (default: {d})" : "")}");
        lines.Add($"  {"-h, --help".PadRight(width)}Show this help.");
        lines.Add("");
        lines.Add("A value follows its option as --name value or --name=value.");
        if (Note is { } n) lines.Add(n);
        if (Example is { } e) { lines.Add(""); lines.Add("Example:"); lines.Add($"  {e}"); }
        return string.Join(Environment.NewLine, lines);
    }
}
