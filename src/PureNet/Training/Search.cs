using System.Globalization;
using System.Text;
using LanguageExt;

namespace PureNet;

/// <summary>One hyperparameter's range for random search.</summary>
/// <param name="Name">The hyperparameter's name, the key of the settings passed to the score function.</param>
public abstract record Dimension(string Name)
{
    private protected Dimension() : this("") { }

    /// <summary>A draw and the generator state after it.</summary>
    /// <param name="rng">The generator state.</param>
    /// <returns>The value drawn and the state after the draw.</returns>
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
        /// <summary>Uniform on [low, high).</summary>
        /// <param name="name">The hyperparameter's name.</param>
        /// <param name="low">The lower bound, finite.</param>
        /// <param name="high">The upper bound, finite and &gt; <paramref name="low"/>.</param>
        /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, or low ≥ high.</exception>
        public Uniform(string name, double low, double high) : base(Named("Dimension.Uniform", name)) => (Low, High) = Range("Dimension.Uniform", low, high);
        /// <summary>The lower bound (drawn).</summary>
        public double Low { get; }
        /// <summary>The upper bound (never drawn).</summary>
        public double High { get; }
        /// <inheritdoc/>
        public override (double Value, Rng Next) Draw(Rng rng) { var (u, next) = rng.NextDouble(); return (Low + (High - Low) * u, next); }
    }

    /// <summary>Log-uniform on [Low, High) (e.g. learning rates): uniform in log space, so each decade is equally likely.</summary>
    public sealed record LogUniform : Dimension
    {
        /// <summary>Log-uniform on [low, high), low &gt; 0.</summary>
        /// <param name="name">The hyperparameter's name.</param>
        /// <param name="low">The lower bound, finite and &gt; 0.</param>
        /// <param name="high">The upper bound, finite and &gt; <paramref name="low"/>.</param>
        /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, low ≤ 0, or low ≥ high.</exception>
        public LogUniform(string name, double low, double high) : base(Named("Dimension.LogUniform", name)) => (Low, High) = Range("Dimension.LogUniform", low, high, positive: true);
        /// <summary>The lower bound (drawn), &gt; 0.</summary>
        public double Low { get; }
        /// <summary>The upper bound (never drawn).</summary>
        public double High { get; }
        /// <inheritdoc/>
        public override (double Value, Rng Next) Draw(Rng rng) { var (u, next) = rng.NextDouble(); return (Math.Exp(Math.Log(Low) + (Math.Log(High) - Math.Log(Low)) * u), next); }
    }

    /// <summary>One of the given values, each equally likely (e.g. layer widths).</summary>
    public sealed record Choice : Dimension
    {
        /// <summary>One of <paramref name="values"/>, each equally likely.</summary>
        /// <param name="name">The hyperparameter's name.</param>
        /// <param name="values">The values, finite, at least one.</param>
        /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space, or <paramref name="values"/> is empty or holds NaN or ±∞.</exception>
        public Choice(string name, params double[] values) : base(Named("Dimension.Choice", name)) =>
            Values = values is { Length: > 0 } ? Prelude.toSeq(Search.FiniteValues($"Dimension.Choice '{name}'", values)).Strict()
                : throw new ArgumentException($"Dimension.Choice '{name}': needs at least one value.", nameof(values));
        /// <summary>The values to choose from.</summary>
        public Seq<double> Values { get; }
        /// <inheritdoc/>
        public override (double Value, Rng Next) Draw(Rng rng) { var (u, next) = rng.NextDouble(); return (Values[(int)(u * Values.Count)], next); }
    }
}

/// <summary>One evaluated setting: its index in the order tried, the hyperparameters by name and the score.</summary>
/// <param name="Index">The setting's position in the order tried, from 0.</param>
/// <param name="Hyperparameters">The setting: hyperparameter name → value.</param>
/// <param name="Score">What the score function returned for it.</param>
public sealed record Trial(int Index, Map<string, double> Hyperparameters, double Score);

/// <summary>All trials, best first (NaN scores last), and how to print them as a table.</summary>
public sealed record SearchResult
{
    /// <summary>The trials as given (best first), at least one; any enumerable, so <c>[a, b]</c> means what it says.</summary>
    /// <param name="trials">The trials, best first.</param>
    /// <param name="maximize">True when a higher score is better.</param>
    /// <exception cref="ArgumentNullException"><paramref name="trials"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="trials"/> is empty.</exception>
    public SearchResult(IEnumerable<Trial> trials, bool maximize)
    {
        Trials = Prelude.toSeq(Guard.NotEmpty(Guard.NoNulls(trials, "SearchResult"), "SearchResult", "trial", nameof(trials))).Strict();
        Maximize = maximize;
    }

    /// <summary>The trials, best first, NaN scores last.</summary>
    public Seq<Trial> Trials { get; }
    /// <summary>True when a higher score is better.</summary>
    public bool Maximize { get; }
    /// <summary>The best trial: the first.</summary>
    public Trial Best => Trials.Head;

    /// <summary>The trials as a right-aligned table: rank, one column per hyperparameter, score.</summary>
    /// <returns>The table, one line per trial after a header.</returns>
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
    /// <param name="axes">(name, values) per hyperparameter: at least one, names unique, values finite and at least one each.</param>
    /// <param name="score">Trains with a setting and returns its score (e.g. the validation accuracy).</param>
    /// <param name="maximize">True when a higher score is better; false for a loss.</param>
    /// <returns>Every trial, ranked best first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="axes"/> or <paramref name="score"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="axes"/> is empty, an axis has no name or no values, a value is NaN or ±∞, or two axes share a name.</exception>
    /// <example>
    /// <code>
    /// var result = Search.Grid([("lr", [1e-3, 1e-2]), ("wd", [0, 1e-4])],
    ///     setting =&gt; -Math.Abs(Math.Log10(setting["lr"]) + 2.5) - setting["wd"]);   // train and return a score here
    /// Console.WriteLine(result);              // a table, best first
    /// double bestRate = result.Best.Hyperparameters["lr"];
    /// </code>
    /// </example>
    public static SearchResult Grid(IEnumerable<(string Name, double[] Values)> axes, Func<Map<string, double>, double> score, bool maximize = true)
    {
        const string function = "Search.Grid";
        var list = Guard.NotNull(axes, function).ToList();
        Guard.NotNull(score, function);
        if (list.Count == 0) throw new ArgumentException($"{function}: no axes; give at least one (name, values).", nameof(axes));
        foreach (var (name, values) in list)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException($"{function}: an axis has no name ({(name is null ? "null" : $"'{name}'")}).", nameof(axes));
            if (values is not { Length: > 0 }) throw new ArgumentException($"{function}: axis '{name}' has no values{(values is null ? " (null)" : "")}.", nameof(axes));
            FiniteValues($"{function}: axis '{name}'", values);
        }
        Guard.UniqueNames(list.Select(a => a.Name), function, "axes", nameof(axes));
        var settings = list.Aggregate(new[] { Map<string, double>.Empty }.AsEnumerable(),
            (acc, axis) => acc.SelectMany(m => axis.Values.Select(v => m.Add(axis.Name, v))));
        return Rank(settings.Select((s, i) => new Trial(i, s, score(s))), maximize);
    }

    /// <summary><paramref name="trials"/> settings drawn from the dimensions with a generator seeded by <paramref name="seed"/>.</summary>
    /// <param name="space">The dimensions: at least one, names unique.</param>
    /// <param name="trials">How many settings to draw and score, ≥ 1.</param>
    /// <param name="seed">Seeds the draws: the same seed gives the same settings.</param>
    /// <param name="score">Trains with a setting and returns its score (e.g. the validation accuracy).</param>
    /// <param name="maximize">True when a higher score is better; false for a loss.</param>
    /// <returns>Every trial, ranked best first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="space"/>, one of its dimensions, or <paramref name="score"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="space"/> is empty or two dimensions share a name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trials"/> is below 1.</exception>
    public static SearchResult Random(IEnumerable<Dimension> space, int trials, int seed, Func<Map<string, double>, double> score, bool maximize = true)
    {
        const string function = "Search.Random";
        var dims = Guard.NoNulls(space, function);
        Guard.NotNull(score, function);
        if (dims.Length == 0) throw new ArgumentException($"{function}: the space has no dimensions.", nameof(space));
        Guard.UniqueNames(dims.Select(d => d.Name), function, "dimensions", nameof(space));
        Guard.AtLeast(trials, 1, function);
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

    /// <summary>Hyperparameter values are settings, so NaN or ±∞ means nothing: refused, naming the value and its position.</summary>
    internal static double[] FiniteValues(string owner, double[] values)
    {
        for (var i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{owner}: value {values[i]} at position {i} must be finite (not NaN or ±∞).", nameof(values));
        return [.. values];
    }

    static SearchResult Rank(IEnumerable<Trial> trials, bool maximize)
    {
        var all = trials.ToList();
        var sorted = all.OrderBy(t => double.IsNaN(t.Score)).ThenBy(t => maximize ? -t.Score : t.Score).ThenBy(t => t.Index);
        return new SearchResult(Prelude.toSeq(sorted.ToList()).Strict(), maximize);
    }
}
