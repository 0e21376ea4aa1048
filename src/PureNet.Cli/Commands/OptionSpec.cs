namespace PureNet.Cli;

/// <summary>
/// One command-line option: <c>--name VALUE</c> (or <c>--name=VALUE</c>), a flag (<see cref="Value"/> null), or a list
/// (<see cref="Many"/>: every following token up to the next option). <see cref="Short"/> is its one-letter alias
/// (<c>-e</c>); <see cref="Rule"/>, when given, is what the parser checks every value against.
/// </summary>
public sealed record OptionSpec(string Name, string? Value, string Help, string? Default = null, bool Many = false, string? Short = null, Rule? Rule = null)
{
    public bool IsFlag => Value is null;

    public string Usage => (Short is { } s ? $"{s}, " : "    ") + (IsFlag ? $"--{Name}" : Many ? $"--{Name} {Value}…" : $"--{Name} {Value}");
}
