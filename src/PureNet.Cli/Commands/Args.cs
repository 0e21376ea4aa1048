using System.Collections.Immutable;
using System.Globalization;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace PureNet.Cli;

/// <summary>
/// A command's parsed options: names to the strings given (defaults filled in). Typed getters return
/// <see cref="Fin{A}"/> with a message naming the option, the rule and the value, so bad input stays a value
/// until the command's edge prints it.
/// </summary>
public sealed record Args(string Command, ImmutableDictionary<string, ImmutableArray<string>> Values)
{
    /// <summary>Parses tokens against the command's options: unknown options, missing values and repeats are errors.</summary>
    public static Fin<Args> Parse(string command, IReadOnlyList<OptionSpec> specs, IReadOnlyList<string> tokens)
    {
        var values = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal))
                return Error.New($"{command}: unexpected argument '{token}'; options start with --. See 'purenet {command} --help'.");
            var name = token[2..];
            var spec = specs.FirstOrDefault(s => s.Name == name);
            if (spec is null)
                return Error.New($"{command}: unknown option '{token}'. Known: {string.Join(", ", specs.Select(s => "--" + s.Name))}.");
            if (values.ContainsKey(name)) return Error.New($"{command}: option --{name} is given twice.");
            if (spec.IsFlag) { values[name] = ["true"]; continue; }
            var taken = ImmutableArray.CreateBuilder<string>();
            while (i + 1 < tokens.Count && !(tokens[i + 1].StartsWith("--", StringComparison.Ordinal) && tokens[i + 1].Length > 2) && (spec.Many || taken.Count == 0))
                taken.Add(tokens[++i]);
            if (taken.Count == 0) return Error.New($"{command}: option --{name} needs a value ({spec.Value}).");
            values[name] = taken.ToImmutable();
        }
        foreach (var s in specs)
            if (s.Default is { } d && !values.ContainsKey(s.Name)) values[s.Name] = [d];
        return new Args(command, values.ToImmutable());
    }

    public bool Has(string name) => Values.ContainsKey(name);
    public bool Flag(string name) => Values.ContainsKey(name);

    public Option<string> Optional(string name) => Values.TryGetValue(name, out var v) ? Some(v[0]) : None;

    public Fin<string> String(string name) =>
        Values.TryGetValue(name, out var v) ? FinSucc(v[0]) : FinFail<string>(Error.New($"{Command}: option --{name} is required."));

    public ImmutableArray<string> Strings(string name) => Values.TryGetValue(name, out var v) ? v : [];

    public Fin<int> Int(string name, int min, int max = int.MaxValue) => String(name).Bind(s =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? FinSucc(v)
            : Error.New($"{Command}: --{name} must be an integer in [{min}, {(max == int.MaxValue ? "∞" : max)}]; found '{s}'."));

    public Fin<double> Double(string name, double min, double max, bool minOpen = false) => String(name).Bind(s =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && (minOpen ? v > min : v >= min) && v <= max
            ? FinSucc(v)
            : Error.New($"{Command}: --{name} must be a number in {(minOpen ? "(" : "[")}{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]; found '{s}'."));

    public Fin<string> Choice(string name, params string[] allowed) => String(name).Bind(s =>
        allowed.Contains(s) ? FinSucc(s) : Error.New($"{Command}: --{name} must be one of {string.Join(", ", allowed)}; found '{s}'."));
}
