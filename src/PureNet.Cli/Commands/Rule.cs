using System.Globalization;

namespace PureNet.Cli;

/// <summary>
/// What an option's value must be: checked by the parser for every option given, so all bad values are reported together
/// (one line each) before a command runs. <see cref="Says"/> completes "--name …; found 'value'".
/// </summary>
public sealed record Rule(string Says, Func<string, bool> Holds)
{
    public static Rule Int(int min, int max = int.MaxValue) =>
        new($"must be an integer in [{min}, {(max == int.MaxValue ? "∞" : max)}]", s =>
            int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max);

    /// <summary>Any integer (seeds).</summary>
    public static Rule AnyInt { get; } = new("must be an integer", s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));

    public static Rule Number(double min, double max, bool minOpen = false) =>
        new($"must be a number in {(minOpen ? "(" : "[")}{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]", s =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && (minOpen ? v > min : v >= min) && v <= max);

    public static Rule OneOf(IEnumerable<string> allowed)
    {
        var set = allowed.ToArray();
        return new($"must be one of {string.Join(", ", set)}", set.Contains);
    }

    /// <summary>Comma-separated finite numbers, each &gt; 0 (<paramref name="positive"/>) or ≥ 0.</summary>
    public static Rule Numbers(bool positive, string? says = null) =>
        new(says ?? $"must be comma-separated numbers{(positive ? " > 0" : " ≥ 0")}", s => List(s, positive) is { Length: > 0 });

    /// <summary>Two comma-separated numbers LO,HI with LO &lt; HI, each &gt; 0.</summary>
    public static Rule Range { get; } = new("must be LO,HI with LO < HI > 0", s => List(s, positive: true) is [var lo, var hi] && lo < hi);

    /// <summary>The numbers of a comma-separated list, or null if one is not a number or breaks the sign rule.</summary>
    public static double[]? List(string s, bool positive)
    {
        ArgumentNullException.ThrowIfNull(s);
        var values = s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && (positive ? v > 0 : v >= 0) ? v : double.NaN).ToArray();
        return values.All(double.IsFinite) ? values : null;
    }
}
