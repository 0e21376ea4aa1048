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

    static readonly Parser Parser = new(Commands);

    public static int Run(IReadOnlyList<string> args, Terminal terminal)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(terminal);
        switch (Parser.Parse(args))
        {
            case Parsed.Usage { Asked: true }: terminal.Line(Usage()); return Ok;
            case Parsed.Usage: terminal.Error(Usage()); return BadInput;
            case Parsed.Help h: terminal.Line(h.Command.Help()); return Ok;
            case Parsed.Version: terminal.Line($"purenet {Version}"); return Ok;
            case Parsed.Failed f:
                foreach (var line in f.Errors) terminal.Error($"error: {line}");
                return BadInput;
            case Parsed.Ready r: return Execute(r.Command, r.Args, terminal);
            default: throw new InvalidOperationException("unreachable: every Parsed case is handled above");
        }
    }

    static int Execute(Command command, Args args, Terminal terminal)
    {
        try
        {
            return command.Run(args, terminal).Match(Succ: code => code, Fail: e => Report(terminal, e));
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // Bad hyperparameters reach the library's own checks; unwritable outputs come from the file system: both are the user's to fix.
            terminal.Error($"error: {e.Message}");
            return BadInput;
        }
        catch (ArithmeticException e)
        {
            // A fit that diverged (non-finite loss): nothing was written; the usual cause is a learning rate that is too large.
            terminal.Error($"error: {e.Message} Nothing was written; try a smaller --lr (purenet check runs a learning-rate sweep).");
            return BadInput;
        }
        catch (Exception e)
        {
            terminal.Error($"internal error: {e}");
            return InternalError;
        }
    }

    static int Report(Terminal terminal, Error e)
    {
        foreach (var line in (e is ManyErrors many ? many.Errors : LanguageExt.Prelude.Seq1(e)))
            terminal.Error($"error: {line.Message}");
        return BadInput;
    }

    static string Usage()
    {
        var lines = new List<string> { "purenet — train, check and explain models on Fashion-MNIST", "", "Usage: purenet <command> [options]", "", "Commands:" };
        foreach (var c in Commands.Where(c => !c.Hidden)) lines.Add($"  {c.Name,-10}{c.Summary}");
        lines.Add("");
        lines.Add("Options take their value as --name value or --name=value; common ones have a short alias (-m model, -e epochs, -b batch, -s seed, -o out).");
        lines.Add("Exit codes: 0 ok, 1 a check failed, 2 bad input (errors on stderr, one line each), 3 internal error.");
        lines.Add("");
        lines.Add("Run 'purenet <command> --help' for a command's options, 'purenet --version' for the version.");
        return string.Join(Environment.NewLine, lines);
    }
}
