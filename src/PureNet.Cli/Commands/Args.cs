using System.Collections.Immutable;
using System.Globalization;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace PureNet.Cli;

/// <summary>
/// A command's parsed options: names to the strings given (defaults filled in). The parser has already checked every
/// value against its option's <see cref="Rule"/>; the typed getters convert, and return <see cref="Fin{A}"/> so an
/// option read without a rule still fails as a value naming it.
/// </summary>
public sealed record Args(string Command, ImmutableDictionary<string, ImmutableArray<string>> Values)
{
    public bool Has(string name) => Values.ContainsKey(name);
    public bool Flag(string name) => Values.ContainsKey(name);

    public Option<string> Optional(string name) => Values.TryGetValue(name, out var v) ? Some(v[0]) : None;

    public Fin<string> String(string name) =>
        Values.TryGetValue(name, out var v) ? FinSucc(v[0]) : FinFail<string>(Error.New($"{Command}: option --{name} is required."));

    public ImmutableArray<string> Strings(string name) => Values.TryGetValue(name, out var v) ? v : [];

    public Fin<int> Int(string name) => String(name).Bind(s =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? FinSucc(v)
            : Error.New($"{Command}: --{name} must be an integer; found '{s}'."));

    public Fin<double> Double(string name) => String(name).Bind(s =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? FinSucc(v)
            : Error.New($"{Command}: --{name} must be a number; found '{s}'."));

    /// <summary>A comma-separated list of numbers (its sign rule checked by the option's <see cref="Rule"/>).</summary>
    public Fin<double[]> Numbers(string name) => String(name).Bind(s =>
        Rule.List(s, positive: false) is { Length: > 0 } values ? FinSucc(values)
            : FinFail<double[]>(Error.New($"{Command}: --{name} must be comma-separated numbers; found '{s}'.")));
}
