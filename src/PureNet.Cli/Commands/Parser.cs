using System.Collections.Immutable;
using System.CommandLine.Parsing;
using Scl = System.CommandLine;

namespace PureNet.Cli;

/// <summary>What the command line asks for: usage, a command's help, the version, a command to run, or the errors found.</summary>
public abstract record Parsed
{
    private Parsed() { }

    /// <summary>The list of commands; <paramref name="Asked"/> false when nothing (or no command) was given.</summary>
    public sealed record Usage(bool Asked) : Parsed;
    public sealed record Help(Command Command) : Parsed;
    public sealed record Version : Parsed;
    public sealed record Ready(Command Command, Args Args) : Parsed;
    /// <summary>Every problem of the command line, one line each.</summary>
    public sealed record Failed(ImmutableArray<string> Errors) : Parsed;
}

/// <summary>
/// The purenet command line on System.CommandLine, built from the commands' <see cref="OptionSpec"/>s: <c>--name value</c>,
/// <c>--name=value</c>, short aliases, every value checked against its rule, unknown names answered with the nearest known one.
/// Help and version are our own options so their text (defaults, example) and exit codes stay the command's.
/// </summary>
public sealed class Parser
{
    readonly Scl.RootCommand root = new("purenet");
    readonly Scl.Option<bool> help = new("--help", "-h") { Description = "Show help.", Arity = Scl.ArgumentArity.Zero, Recursive = true };
    readonly Scl.Option<bool> version = new("--version") { Description = "Show the version.", Arity = Scl.ArgumentArity.Zero };
    readonly Dictionary<Scl.Command, (Command Spec, ImmutableArray<(OptionSpec Spec, Scl.Option Option)> Options)> commands = [];

    public Parser(IEnumerable<Command> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        root.Options.Clear();   // the built-in help and version print System.CommandLine's text and exit codes
        root.Options.Add(help);
        root.Options.Add(version);
        root.TreatUnmatchedTokensAsErrors = false;   // reported by Unmatched, with a suggestion
        foreach (var spec in specs)
        {
            var command = new Scl.Command(spec.Name, spec.Summary) { Hidden = spec.Hidden, TreatUnmatchedTokensAsErrors = false };
            var options = spec.Options.Select(o => (o, Option(spec.Name, o))).ToImmutableArray();
            foreach (var (_, o) in options) command.Options.Add(o);
            root.Subcommands.Add(command);
            commands[command] = (spec, options);
        }
    }

    static Scl.Option Option(string command, OptionSpec spec)
    {
        string[] aliases = spec.Short is { } s ? [s] : [];
        Scl.Option option = spec.IsFlag ? new Scl.Option<bool>("--" + spec.Name, aliases) { Arity = Scl.ArgumentArity.Zero }
            : spec.Many ? new Scl.Option<string[]>("--" + spec.Name, aliases) { Arity = Scl.ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true }
            : new Scl.Option<string>("--" + spec.Name, aliases);
        option.Description = spec.Help;
        option.HelpName = spec.Value;
        option.Validators.Add(r =>
        {
            if (!spec.IsFlag && !spec.Many && r.IdentifierTokenCount > 1) r.AddError($"{command}: option --{spec.Name} is given twice.");
            if (spec.Rule is { } rule)
                foreach (var t in r.Tokens.Where(t => !rule.Holds(t.Value)))
                    r.AddError($"{command}: --{spec.Name} {rule.Says}; found '{t.Value}'.");
        });
        return option;
    }

    public Parsed Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count > 0 && args[0] == "help")   // 'purenet help [command]', as before the parser was System.CommandLine's
            return args.Count == 1 ? new Parsed.Usage(Asked: true) : Parse([args[1], "--help"]);
        var result = root.Parse([.. args]);
        var found = commands.TryGetValue(result.CommandResult.Command, out var c) ? c : default;
        if (result.GetValue(help))
            return found.Spec is { } helped ? new Parsed.Help(helped)
                : result.UnmatchedTokens.Count == 0 ? new Parsed.Usage(Asked: true) : new Parsed.Failed([UnknownCommand(result.UnmatchedTokens[0])]);
        if (result.GetValue(version))
            return args.Count == 1 ? new Parsed.Version() : new Parsed.Failed([$"--version takes no arguments; found '{args.First(a => a != "--version")}'."]);
        if (found.Spec is not { } spec)
            return result.UnmatchedTokens.Count == 0 ? new Parsed.Usage(Asked: false) : new Parsed.Failed([UnknownCommand(result.UnmatchedTokens[0])]);
        var errors = Unmatched(spec, found.Options, result.UnmatchedTokens).Concat(result.Errors.Select(e => Message(spec, found.Options, e))).Distinct().ToImmutableArray();
        return errors.IsEmpty ? new Parsed.Ready(spec, ToArgs(spec, found.Options, result)) : new Parsed.Failed(errors);
    }

    string UnknownCommand(string token)
    {
        var names = commands.Values.Where(c => !c.Spec.Hidden).Select(c => c.Spec.Name).ToList();
        var hint = Suggestion.Nearest(token, names) is { } near ? $" Did you mean '{near}'?" : "";
        return $"unknown command '{token}'.{hint} Commands: {string.Join(", ", names)}.";
    }

    /// <summary>Tokens no option took: unknown options (with the nearest known name) and stray arguments; the value right after an unknown option is its, not another error.</summary>
    IEnumerable<string> Unmatched(Command spec, ImmutableArray<(OptionSpec Spec, Scl.Option Option)> options, IReadOnlyList<string> tokens)
    {
        var elsewhere = commands.Values.SelectMany(c => c.Options).SelectMany(o => o.Option.Aliases.Prepend(o.Option.Name)).ToHashSet();
        var names = options.SelectMany(o => o.Option.Aliases.Prepend(o.Option.Name)).Append("--help").ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.StartsWith('-') && token.Length > 1)
            {
                var name = token.Split('=')[0];
                var hint = Suggestion.Nearest(name, names) is { } near ? $" Did you mean '{near}'?" : "";
                yield return elsewhere.Contains(name)
                    ? $"{spec.Name}: option '{name}' is not taken by {spec.Name}. See 'purenet {spec.Name} --help'."
                    : $"{spec.Name}: unknown option '{name}'.{hint} See 'purenet {spec.Name} --help'.";
                if (!token.Contains('=') && i + 1 < tokens.Count && !tokens[i + 1].StartsWith('-')) i++;
            }
            else yield return $"{spec.Name}: unexpected argument '{token}'; options start with --. See 'purenet {spec.Name} --help'.";
        }
    }

    /// <summary>A parse error as one line naming the command; the arity errors System.CommandLine words generically say what the option wants.</summary>
    static string Message(Command spec, ImmutableArray<(OptionSpec Spec, Scl.Option Option)> options, ParseError error) =>
        (error.SymbolResult is OptionResult r ? options.FirstOrDefault(o => o.Option == r.Option).Spec : null, error.SymbolResult as OptionResult) switch
        {
            ({ IsFlag: false } o, { Tokens.Count: 0 }) => $"{spec.Name}: option --{o.Name} needs a value ({o.Value}).",
            ({ IsFlag: false, Many: false } o, { IdentifierTokenCount: > 1 }) => $"{spec.Name}: option --{o.Name} is given twice.",
            _ when error.Message.StartsWith(spec.Name + ": ", StringComparison.Ordinal) => error.Message,
            _ => $"{spec.Name}: {error.Message}",
        };

    static Args ToArgs(Command spec, ImmutableArray<(OptionSpec Spec, Scl.Option Option)> options, Scl.ParseResult result)
    {
        var values = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>();
        foreach (var (o, option) in options)
        {
            if (result.GetResult(option) is { Implicit: false } r) values[o.Name] = o.IsFlag ? ["true"] : [.. r.Tokens.Select(t => t.Value)];
            else if (o.Default is { } d) values[o.Name] = [d];
        }
        return new Args(spec.Name, values.ToImmutable());
    }
}
