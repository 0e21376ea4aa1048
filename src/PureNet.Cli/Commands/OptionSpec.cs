namespace PureNet.Cli;

/// <summary>
/// One command-line option: <c>--name VALUE</c>, a flag (<see cref="Value"/> null), or a list
/// (<see cref="Many"/>: every following token up to the next option).
/// </summary>
public sealed record OptionSpec(string Name, string? Value, string Help, string? Default = null, bool Many = false)
{
    public bool IsFlag => Value is null;

    public string Usage => IsFlag ? $"--{Name}" : Many ? $"--{Name} {Value}…" : $"--{Name} {Value}";
}
