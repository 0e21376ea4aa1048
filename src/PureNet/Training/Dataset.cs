using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>Examples as two tensors whose first axis counts them: inputs X [N, …] and targets Y [N, …].</summary>
/// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed record Dataset<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A data set from its inputs and targets, one row each per example.</summary>
    /// <param name="x">The inputs [N, …].</param>
    /// <param name="y">The targets [N, …] (labels [N], one-hot rows [N, C], values…).</param>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="y"/> is null.</exception>
    /// <exception cref="ShapeException">Either is a scalar, or their first axes differ.</exception>
    public Dataset(Tensor<T> x, Tensor<T> y)
    {
        Guard.NotNull(x, "Dataset");
        Guard.NotNull(y, "Dataset");
        if (x.Rank == 0 || y.Rank == 0 || x.Shape[0] != y.Shape[0])
            throw new ShapeException($"Dataset: inputs {x.Shape} and targets {y.Shape} must have one first axis of equal length (the example count).");
        X = x;
        Y = y;
    }

    /// <summary>The inputs [N, …].</summary>
    public Tensor<T> X { get; }
    /// <summary>The targets [N, …].</summary>
    public Tensor<T> Y { get; }
    /// <summary>The number of examples N.</summary>
    public int Count => X.Shape[0];

    /// <summary>The examples at <paramref name="rows"/>, in that order (a copy).</summary>
    /// <param name="rows">Row indices in [0, <see cref="Count"/>); repeats are allowed.</param>
    /// <returns>The selected examples.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, <see cref="Count"/>).</exception>
    public Dataset<T> Rows(ReadOnlySpan<int> rows) => new(Take(X, rows), Take(Y, rows));

    /// <summary>
    /// A seeded split: the examples are shuffled, then the last ⌈fraction·N⌉ go to validation (at least one each side).
    /// </summary>
    /// <param name="fraction">The validation share, in (0, 1).</param>
    /// <param name="rng">The generator of the shuffle.</param>
    /// <returns>The training part and the validation part.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside (0, 1).</exception>
    /// <exception cref="ArgumentException">The split leaves no example to train on.</exception>
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
        var data = LargeBuffers<T>.Rent(rows.Length * width);     // every element is written below
        var src = t.Span;
        for (var i = 0; i < rows.Length; i++)
        {
            if ((uint)rows[i] >= (uint)n) throw new ArgumentOutOfRangeException(nameof(rows), rows[i], $"Dataset.Rows: row {rows[i]} is outside [0, {n}).");
            src.Slice(rows[i] * width, width).CopyTo(data.AsSpan(i * width, width));
        }
        return Tensor<T>.Owned(new Shape(t.Shape.Skip(1).Prepend(rows.Length)), data);
    }
}

/// <summary>Seeded shuffling and mini-batches: same seed, same order.</summary>
public static class Shuffle
{
    /// <summary>A uniformly random permutation of 0..n−1 (Fisher–Yates) and the generator state after it.</summary>
    /// <param name="n">The number of items, ≥ 0.</param>
    /// <param name="rng">The generator state.</param>
    /// <returns>The permutation and the state after its draws.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
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
    /// <param name="order">The row order (a permutation from <see cref="Permutation"/>).</param>
    /// <param name="batchSize">The rows per batch, in [1, order.Length].</param>
    /// <returns>The batches, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="order"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1 or above the number of rows.</exception>
    public static Seq<int[]> Batches(int[] order, int batchSize)
    {
        Guard.NotNull(order, "Shuffle.Batches");
        if (batchSize < 1 || batchSize > order.Length)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"Shuffle.Batches: batch size {batchSize} must be in [1, {order.Length}] (the number of examples).");
        return Prelude.toSeq(order.Chunk(batchSize)).Strict();
    }
}
