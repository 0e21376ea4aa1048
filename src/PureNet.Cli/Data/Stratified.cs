namespace PureNet.Cli;

/// <summary>Label-balanced, seeded selection of examples: per class, a seeded Fisher–Yates shuffle (<see cref="Shuffle.Permutation"/>) of that class's indices.</summary>
public static class Stratified
{
    /// <summary>
    /// For each class in turn (0, 1, …), shuffles the indices of its examples (in file order) and splits them into
    /// the first <paramref name="perClass"/> (chosen) and the rest. Both lists come back sorted by index.
    /// </summary>
    public static (int[] Chosen, int[] Others, Rng Next) Sample(LabeledImages data, int perClass, Rng rng) => Draw(data, perClass, rng, skipEmpty: false);

    /// <summary>A label-balanced validation split: the fraction of each class (rounded down, at least 1) goes to validation.</summary>
    public static (LabeledImages Train, LabeledImages Validation) Split(LabeledImages data, double fraction, Rng rng)
    {
        if (!(fraction > 0 && fraction < 1)) throw new ArgumentException($"Stratified.Split: fraction {fraction} must be in (0, 1).", nameof(fraction));
        var smallest = data.ClassCounts().Where(n => n > 0).DefaultIfEmpty(0).Min();
        var perClass = Math.Max(1, (int)(smallest * fraction));
        if (perClass >= smallest) throw new ArgumentException($"Stratified.Split: the smallest class has {smallest} examples, too few to split off a validation fraction of {fraction}.", nameof(data));
        var (validation, train, _) = Draw(data, perClass, rng, skipEmpty: true);
        return (data.Select(train), data.Select(validation));
    }

    /// <summary>The draw behind both; with <paramref name="skipEmpty"/>, classes that do not occur are passed over (a small slice may lack some).</summary>
    static (int[] Chosen, int[] Others, Rng Next) Draw(LabeledImages data, int perClass, Rng rng, bool skipEmpty)
    {
        var chosen = new List<int>();
        var rest = new List<int>();
        var labels = data.Labels.Span;
        for (var c = 0; c < data.Classes; c++)
        {
            var members = new List<int>();
            for (var i = 0; i < labels.Length; i++) if (labels[i] == c) members.Add(i);
            if (skipEmpty && members.Count == 0) continue;
            if (members.Count < perClass)
                throw new ArgumentException($"Stratified.Sample: class {c} has {members.Count} examples; {perClass} per class were asked for.", nameof(perClass));
            (var order, rng) = Shuffle.Permutation(members.Count, rng);
            chosen.AddRange(order.Take(perClass).Select(k => members[k]));
            rest.AddRange(order.Skip(perClass).Select(k => members[k]));
        }
        chosen.Sort();
        rest.Sort();
        return ([.. chosen], [.. rest], rng);
    }
}
