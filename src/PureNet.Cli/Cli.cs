using System.Collections.Immutable;
using System.Reflection;
using LanguageExt;
using LanguageExt.Common;

namespace PureNet.Cli;

/// <summary>The <c>purenet</c> command: dispatches to a subcommand and turns every outcome into an exit code.</summary>
public static class Cli
{
    /// <summary>Exit codes: 0 success, 1 a check failed, 2 bad input (options, files), 3 an internal error.</summary>
    public const int Ok = 0, CheckFailed = 1, BadInput = 2, InternalError = 3;

    public static ImmutableArray<Command> Commands { get; } =
    [
        TrainCommand.Command, EvaluateCommand.Command, CheckCommand.Command, SearchCommand.Command, ExportCommand.Command, DrawSubsetCommand.Command,
    ];

    /// <summary>The informational version the build stamps on the assembly: the package version, then <c>+commit</c> when built from git.</summary>
    public static string Version { get; } =
        typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Cli).Assembly.GetName().Version!.ToString();

    public static int Run(IReadOnlyList<string> args, Terminal terminal)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            terminal.Line(Usage());
            return args.Count == 0 ? BadInput : Ok;
        }
        if (args[0] == "--version")
        {
            if (args.Count > 1) { terminal.Line($"error: --version takes no arguments; found '{args[1]}'."); return BadInput; }
            terminal.Line($"purenet {Version}");
            return Ok;
        }
        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            terminal.Line($"error: unknown command '{args[0]}'. Commands: {string.Join(", ", Commands.Where(c => !c.Hidden).Select(c => c.Name))}.");
            return BadInput;
        }
        var rest = args.Skip(1).ToList();
        if (rest.Contains("--help") || rest.Contains("-h")) { terminal.Line(command.Help()); return Ok; }
        try
        {
            return Args.Parse(command.Name, command.Options, rest).Bind(a => command.Run(a, terminal))
                .Match(Succ: code => code, Fail: e => Report(terminal, e));
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // Bad hyperparameters reach the library's own checks; unwritable outputs come from the file system: both are the user's to fix.
            terminal.Line($"error: {e.Message}");
            return BadInput;
        }
        catch (ArithmeticException e)
        {
            // A fit that diverged (non-finite loss): nothing was written; the usual cause is a learning rate that is too large.
            terminal.Line($"error: {e.Message} Nothing was written; try a smaller --lr (purenet check runs a learning-rate sweep).");
            return BadInput;
        }
        catch (Exception e)
        {
            terminal.Line($"internal error: {e}");
            return InternalError;
        }
    }

    static int Report(Terminal terminal, Error e)
    {
        foreach (var line in (e is ManyErrors many ? many.Errors : LanguageExt.Prelude.Seq1(e)))
            terminal.Line($"error: {line.Message}");
        return BadInput;
    }

    static string Usage()
    {
        var lines = new List<string> { "purenet — train, check and explain models on Fashion-MNIST", "", "Usage: purenet <command> [options]", "", "Commands:" };
        foreach (var c in Commands.Where(c => !c.Hidden)) lines.Add($"  {c.Name,-10}{c.Summary}");
        lines.Add("");
        lines.Add("Run 'purenet <command> --help' for a command's options, 'purenet --version' for the version.");
        return string.Join(Environment.NewLine, lines);
    }
}
