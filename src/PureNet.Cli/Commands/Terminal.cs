using Spectre.Console;

namespace PureNet.Cli;

/// <summary>
/// Where a command writes: results to a console (an interactive terminal gets progress bars, a redirected one plain lines),
/// errors to <see cref="Errors"/> (standard error), so a pipe of the results never carries them.
/// </summary>
public sealed record Terminal(IAnsiConsole Console, bool Interactive, TextWriter Errors)
{
    /// <summary>A line of plain text (never parsed as markup, so file names with brackets print as they are).</summary>
    public void Line(string text = "") => Console.WriteLine(text);

    /// <summary>A line on the error stream.</summary>
    public void Error(string text) => Errors.WriteLine(text);

    /// <summary>The process's console: live progress on a terminal; plain, unwrapped lines when output is redirected.</summary>
    public static Terminal Standard() => System.Console.IsOutputRedirected || !AnsiConsole.Console.Profile.Capabilities.Interactive
        ? Plain(System.Console.Out, System.Console.Error)
        : new(AnsiConsole.Console, true, System.Console.Error);

    /// <summary>A console writing to a TextWriter with no colours or live rendering (tests, logs); errors to <paramref name="errors"/>, or the same writer.</summary>
    public static Terminal Plain(TextWriter writer, TextWriter? errors = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 500;   // a log line is never wrapped at 80 columns
        return new(console, false, errors ?? writer);
    }
}
