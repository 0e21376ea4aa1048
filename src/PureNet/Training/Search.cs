using System.Globalization;
using System.Text;
using LanguageExt;

namespace PureNet;

/// <summary>One hyperparameter's range for random search.</summary>
public abstract record Dimension(string Name)
{
    private protected Dimension() : this("") { }

    /// <summary>A draw and the generator state after it.</summary>
    public abstract (double Value, Rng Next) Draw(Rng rng);

    private protected static string Named(string owner, string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new ArgumentException($"{owner}: a hyperparameter name is required.", nameof(name)) : name;

    private protected static (double, double) Range(string owner, double low, double high, bool positive = false) =>
        double.IsFinite(low) && double.IsFinite(high) && low < high && (!positive || low > 0)
            ? (low, high)
            : throw new ArgumentOutOfRangeException(nameof(low), low, $"{owner}: the range [{low}, {high}] must be finite with low < high{(positive ? " and low > 0" : "")}.");

    /// <summary>Uniform on [Low, High).</summary>
    public sealed record Uniform : Dimension
    {
        public Uniform(string name, double low, double high) : base(Named("Dimension.Uniform", name)) => (Low, High) = Range("Dimension.Uniform", low, high);
        public double Low { get; }
        public double High { get; }
        public override (double Value, Rng Next) Draw(Rng rng) { var (u, next) = rng.NextDouble(); return (Low + (High - Low) * u, next); }
    }

    /// <summary>Log-uniform on [Low, High) (e.g. learning rates): uniform in log space, so each decade is equally likely.</summary>
    public sealed record LogUniform : Dimension
    {
        public LogUniform(string name, double low, double high) : base(Named("Dimension.LogUniform", name)) => (Low, High) = Range("Dimension.LogUniform", low, high, positive: true);
        public double Low { get; }
        public double High { get; }
        public override (double Value, Rng Next) Draw(Rng rng) { var (u, next) = rng.NextDouble(); return (Math.Exp(Math.Log(Low) + (Math.Log(High) - Math.Log(Low)) * u), next); }
    }

    /// <summary>One of the given values, each equally likely (e.g. layer widths).</summary>
    public sealed record Choice : Dimension
    {
        public Choice(string name, params double[] values) : base(Named("Dimension.Choice", name)) =>
            Values = values is { Length: > 0 } ? Prelude.toSeq(values.ToArray()).Strict() : throw new ArgumentException($"Dimension.Choice '{name}': needs at least one value.", nameof(values));
        public Seq<double> Values { get; }
        public override (double Value, Rng Next) Draw(Rng rng) { var (u, next) = rng.NextDouble(); return (Values[(int)(u * Values.Count)], next); }
    }
}

/// <summary>One evaluated setting: its index in the order tried, the hyperparameters by name and the score.</summary>
public sealed record Trial(int Index, Map<string, double> Hyperparameters, double Score);

/// <summary>All trials, best first (NaN scores last), and how to print them as a table.</summary>
public sealed record SearchResult(Seq<Trial> Trials, bool Maximize)
{
    public Trial Best => Trials.Head;

    public override string ToString()
    {
        var names = Trials.Head.Hyperparameters.Keys.ToArray();
        var header = names.Append("score").Prepend("rank").ToArray();
        var rows = Trials.Select((t, i) => new[] { (i + 1).ToString(CultureInfo.InvariantCulture) }
            .Concat(names.Select(n => t.Hyperparameters[n].ToString("G6", CultureInfo.InvariantCulture)))
            .Append(t.Score.ToString("G6", CultureInfo.InvariantCulture)).ToArray()).ToList();
        var widths = header.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        var sb = new StringBuilder();
        string Line(string[] cells) => string.Join("  ", cells.Select((s, c) => s.PadLeft(widths[c])));
        sb.AppendLine(Line(header));
        foreach (var r in rows) sb.AppendLine(Line(r));
        return sb.ToString();
    }
}

/// <summary>
/// Hyperparameter search over a user function that trains and returns a validation score. Both searches are pure in
/// their inputs: the same space, seed and function give the same table.
/// </summary>
public static class Search
{
    /// <summary>Every combination of the axes' values (the last axis varies fastest).</summary>
    public static SearchResult Grid(IEnumerable<(string Name, double[] Values)> axes, Func<Map<string, double>, double> score, bool maximize = true)
    {
        ArgumentNullException.ThrowIfNull(axes, nameof(axes));
        ArgumentNullException.ThrowIfNull(score, nameof(score));
        var list = axes.ToList();
        if (list.Count == 0) throw new ArgumentException("Search.Grid: no axes.", nameof(axes));
        foreach (var (name, values) in list)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("Search.Grid: an axis has no name.", nameof(axes));
            if (values is not { Length: > 0 }) throw new ArgumentException($"Search.Grid: axis '{name}' has no values.", nameof(axes));
        }
        if (list.Select(a => a.Name).Distinct().Count() != list.Count) throw new ArgumentException("Search.Grid: two axes have one name.", nameof(axes));
        var settings = list.Aggregate(new[] { Map<string, double>.Empty }.AsEnumerable(),
            (acc, axis) => acc.SelectMany(m => axis.Values.Select(v => m.Add(axis.Name, v))));
        return Rank(settings.Select((s, i) => new Trial(i, s, score(s))), maximize);
    }

    /// <summary><paramref name="trials"/> settings drawn from the dimensions with a generator seeded by <paramref name="seed"/>.</summary>
    public static SearchResult Random(IEnumerable<Dimension> space, int trials, int seed, Func<Map<string, double>, double> score, bool maximize = true)
    {
        ArgumentNullException.ThrowIfNull(space, nameof(space));
        ArgumentNullException.ThrowIfNull(score, nameof(score));
        var dims = space.ToList();
        if (dims.Count == 0) throw new ArgumentException("Search.Random: the space has no dimensions.", nameof(space));
        if (dims.Select(d => d.Name).Distinct().Count() != dims.Count) throw new ArgumentException("Search.Random: two dimensions have one name.", nameof(space));
        Check.AtLeast("Search.Random", nameof(trials), trials, 1);
        var rng = Rng.FromSeed(seed);
        var settings = new List<Map<string, double>>();
        for (var t = 0; t < trials; t++)
        {
            var m = Map<string, double>.Empty;
            foreach (var d in dims) { (var v, rng) = d.Draw(rng); m = m.Add(d.Name, v); }
            settings.Add(m);
        }
        return Rank(settings.Select((s, i) => new Trial(i, s, score(s))), maximize);
    }

    static SearchResult Rank(IEnumerable<Trial> trials, bool maximize)
    {
        var all = trials.ToList();
        var sorted = all.OrderBy(t => double.IsNaN(t.Score)).ThenBy(t => maximize ? -t.Score : t.Score).ThenBy(t => t.Index);
        return new SearchResult(Prelude.toSeq(sorted.ToList()).Strict(), maximize);
    }
}
