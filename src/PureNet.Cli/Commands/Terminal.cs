using Spectre.Console;

namespace PureNet.Cli;

/// <summary>Where a command writes: a console, and whether it is an interactive terminal (progress bars) or redirected (plain lines).</summary>
public sealed record Terminal(IAnsiConsole Console, bool Interactive)
{
    /// <summary>A line of plain text (never parsed as markup, so file names with brackets print as they are).</summary>
    public void Line(string text = "") => Console.WriteLine(text);

    /// <summary>The process's console: live progress on a terminal; plain, unwrapped lines when output is redirected.</summary>
    public static Terminal Standard() => System.Console.IsOutputRedirected || !AnsiConsole.Console.Profile.Capabilities.Interactive
        ? Plain(System.Console.Out)
        : new(AnsiConsole.Console, true);

    /// <summary>A console writing to a TextWriter with no colours or live rendering (tests, logs).</summary>
    public static Terminal Plain(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 500;   // a log line is never wrapped at 80 columns
        return new(console, false);
    }
}
