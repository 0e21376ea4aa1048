using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>Examples as two tensors whose first axis counts them: inputs X [N, …] and targets Y [N, …].</summary>
public sealed record Dataset<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public Dataset(Tensor<T> x, Tensor<T> y)
    {
        Guard.NotNull(x, "Dataset");
        Guard.NotNull(y, "Dataset");
        if (x.Rank == 0 || y.Rank == 0 || x.Shape[0] != y.Shape[0])
            throw new ShapeException($"Dataset: inputs {x.Shape} and targets {y.Shape} must have one first axis of equal length (the example count).");
        X = x;
        Y = y;
    }

    public Tensor<T> X { get; }
    public Tensor<T> Y { get; }
    public int Count => X.Shape[0];

    /// <summary>The examples at <paramref name="rows"/>, in that order (a copy).</summary>
    public Dataset<T> Rows(ReadOnlySpan<int> rows) => new(Take(X, rows), Take(Y, rows));

    /// <summary>
    /// A seeded split: the examples are shuffled, then the last ⌈fraction·N⌉ go to validation (at least one each side).
    /// </summary>
    public (Dataset<T> Train, Dataset<T> Validation) Split(double fraction, Rng rng)
    {
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"Dataset.Split: validation fraction {fraction} is outside (0, 1).");
        var nVal = (int)Math.Ceiling(fraction * Count);
        if (nVal >= Count)
            throw new ArgumentException($"Dataset.Split: a validation fraction {fraction} of {Count} examples leaves none to train on.", nameof(fraction));
        var (perm, _) = Shuffle.Permutation(Count, rng);
        return (Rows(perm.AsSpan(0, Count - nVal)), Rows(perm.AsSpan(Count - nVal)));
    }

    static Tensor<T> Take(Tensor<T> t, ReadOnlySpan<int> rows)
    {
        var n = t.Shape[0];
        var width = n == 0 ? 0 : t.Size / n;
        var data = new T[rows.Length * width];
        var src = t.Span;
        for (var i = 0; i < rows.Length; i++)
        {
            if ((uint)rows[i] >= (uint)n) throw new ArgumentOutOfRangeException(nameof(rows), rows[i], $"Dataset.Rows: row {rows[i]} is outside [0, {n}).");
            src.Slice(rows[i] * width, width).CopyTo(data.AsSpan(i * width, width));
        }
        return new Tensor<T>(new Shape(t.Shape.Skip(1).Prepend(rows.Length)), data);
    }
}

/// <summary>Seeded shuffling and mini-batches: same seed, same order.</summary>
public static class Shuffle
{
    /// <summary>A uniformly random permutation of 0..n−1 (Fisher–Yates) and the generator state after it.</summary>
    public static (int[] Order, Rng Next) Permutation(int n, Rng rng)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, $"Shuffle.Permutation: n {n} must be ≥ 0.");
        var order = Enumerable.Range(0, n).ToArray();
        for (var i = n - 1; i > 0; i--)
        {
            (var u, rng) = rng.NextDouble();
            var j = (int)(u * (i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return (order, rng);
    }

    /// <summary>The order cut into consecutive batches of <paramref name="batchSize"/>; the last one may be smaller.</summary>
    public static Seq<int[]> Batches(int[] order, int batchSize)
    {
        Guard.NotNull(order, "Shuffle.Batches");
        if (batchSize < 1 || batchSize > order.Length)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"Shuffle.Batches: batch size {batchSize} must be in [1, {order.Length}] (the number of examples).");
        return Prelude.toSeq(order.Chunk(batchSize)).Strict();
    }
}
