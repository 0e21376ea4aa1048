using LanguageExt;
using static PureNet.Fn;

namespace PureNet;

/// <summary>A trained perceptron: weights, bias, the mistakes made (updates) in total and per epoch, and whether an epoch passed with none.</summary>
public sealed record PlaResult
{
    /// <summary>The result's parts; <paramref name="mistakesPerEpoch"/> is any enumerable, so <c>[3, 1, 0]</c> means what it says.</summary>
    /// <param name="w">The weights [D].</param>
    /// <param name="b">The bias, finite.</param>
    /// <param name="mistakes">The updates made in all.</param>
    /// <param name="epochs">The passes made.</param>
    /// <param name="converged">True when the last pass made no mistake.</param>
    /// <param name="mistakesPerEpoch">The updates made in each pass.</param>
    /// <exception cref="ArgumentNullException"><paramref name="w"/> or <paramref name="mistakesPerEpoch"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="w"/> is not a vector.</exception>
    /// <exception cref="ArgumentException"><paramref name="b"/> is NaN or infinite.</exception>
    public PlaResult(Tensor<double> w, double b, int mistakes, int epochs, bool converged, IEnumerable<int> mistakesPerEpoch)
    {
        const string function = "PlaResult";
        W = Guard.NotNull(w, function);
        if (w.Rank != 1) throw new ShapeException($"{function}: weights w {w.Shape} must be a vector [D].");
        B = Guard.Finite(b, function);
        MistakesPerEpoch = LanguageExt.Prelude.toSeq(Guard.NotNull(mistakesPerEpoch, function).ToArray()).Strict();
        (Mistakes, Epochs, Converged) = (mistakes, epochs, converged);
    }

    /// <summary>The weights w [D].</summary>
    public Tensor<double> W { get; }
    /// <summary>The bias b.</summary>
    public double B { get; }
    /// <summary>The updates made in all.</summary>
    public int Mistakes { get; }
    /// <summary>The passes made.</summary>
    public int Epochs { get; }
    /// <summary>True when the last pass made no mistake: the training data are separated.</summary>
    public bool Converged { get; }
    /// <summary>The updates made in each pass.</summary>
    public Seq<int> MistakesPerEpoch { get; }

    /// <summary>±1 per row of x: the sign of x·w + b (a score of 0 counts as −1, as in training, where it is a mistake either way).</summary>
    /// <param name="x">Rows [N, D] of finite numbers.</param>
    /// <returns>The predictions [N], each ±1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/> is not [N, D] with D the weights' length.</exception>
    /// <exception cref="ArgumentException">An element of <paramref name="x"/> is NaN or ±∞.</exception>
    public Tensor<double> Predict(Tensor<double> x)
    {
        Perceptron.CheckInputs(x, "PlaResult.Predict", W.Size);
        return Tensor.FromArray<double>(new Shape(x.Shape[0]), [.. Perceptron.Scores(x, W, B).Select(s => s > 0 ? 1.0 : -1.0)]);
    }
}

/// <summary>
/// The perceptron (Rosenblatt): y = sign(w·x + b), trained by the perceptron learning algorithm — for each example
/// in turn, on a mistake (y·(w·x + b) ≤ 0) set w ← w + y·x and b ← b + y. On data separable with margin γ inside a
/// ball of radius R (no bias), it makes at most R²/γ² mistakes (Novikoff); on data that are not separable it never
/// finishes an epoch without a mistake.
/// </summary>
public static class Perceptron
{
    /// <summary>The model as an expression: ±1 by the sign of x·w + b (2·step − 1, so a score of 0 gives −1 as in <see cref="PlaResult.Predict"/>).</summary>
    /// <param name="x">The inputs [..., D].</param>
    /// <param name="w">The weights [D].</param>
    /// <param name="b">The bias, broadcasting to the scores.</param>
    /// <returns>The predictions, each ±1 (its derivative is 0: train with <see cref="Train"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/>, <paramref name="w"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">x or w has rank 0, or their shapes do not multiply.</exception>
    public static Expr Apply(Expr x, Expr w, Expr b)
    {
        const string function = "Perceptron.Apply";
        Guard.Rank(x, function, 1);
        Guard.Rank(w, function, 1);
        Guard.NotNull(b, function);
        return 2 * Activations.Step(MatMul(x, w) + b) - 1;
    }

    /// <summary>
    /// Runs PLA on rows of <paramref name="x"/> [N, D] with labels <paramref name="y"/> [N] in {−1, +1}, starting from
    /// zero, for at most <paramref name="maxEpochs"/> passes in row order; stops after the first pass without a mistake.
    /// </summary>
    /// <param name="x">Rows [N, D] of finite numbers, N ≥ 1.</param>
    /// <param name="y">Labels [N], each −1 or +1.</param>
    /// <param name="maxEpochs">The most passes, ≥ 1.</param>
    /// <param name="bias">False to keep b = 0 (a separator through the origin, as Novikoff's bound assumes).</param>
    /// <returns>The weights, bias and mistake counts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="y"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/> is not [N, D], or <paramref name="y"/> is not [N].</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> holds no example or a NaN or ±∞, or a label is not ±1.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxEpochs"/> is below 1.</exception>
    public static PlaResult Train(Tensor<double> x, Tensor<double> y, int maxEpochs, bool bias = true)
    {
        const string function = "Perceptron.Train";
        CheckInputs(x, function);
        Guard.NotNull(y, function);
        if (y.Rank != 1 || y.Shape[0] != x.Shape[0])
            throw new ShapeException($"{function}: labels y {y.Shape} must be [N] with the N = {x.Shape[0]} rows of x {x.Shape}.");
        if (x.Shape[0] == 0) throw new ArgumentException($"{function}: x {x.Shape} holds no examples.", nameof(x));
        Guard.AtLeast(maxEpochs, 1, function);
        foreach (var (label, i) in y.ToArray().Select((v, i) => (v, i)))
            if (label != 1 && label != -1)
                throw new ArgumentException($"{function}: label {label} at row {i}; labels must be −1 or +1.", nameof(y));
        var (n, d) = (x.Shape[0], x.Shape[1]);
        var xs = x.Span;
        var ys = y.Span;
        var w = new double[d];
        var b = 0.0;
        var perEpoch = new List<int>();
        for (var epoch = 0; epoch < maxEpochs; epoch++)
        {
            var mistakes = 0;
            for (var i = 0; i < n; i++)
            {
                var row = xs.Slice(i * d, d);
                var score = System.Numerics.Tensors.TensorPrimitives.Dot<double>(row, w) + b;
                if (ys[i] * score > 0) continue;
                mistakes++;
                for (var j = 0; j < d; j++) w[j] += ys[i] * row[j];
                if (bias) b += ys[i];
            }
            perEpoch.Add(mistakes);
            if (mistakes == 0) break;
        }
        return new PlaResult(Tensor.FromArray<double>(w), b, perEpoch.Sum(), perEpoch.Count, perEpoch[^1] == 0, Prelude.toSeq(perEpoch).Strict());
    }

    /// <summary>
    /// Inputs x are rows [N, D] (of D = <paramref name="width"/> features when known) of finite numbers: a NaN or ±∞
    /// feature makes every score after it NaN, so PLA's weights and a prediction would mean nothing.
    /// </summary>
    internal static void CheckInputs(Tensor<double> x, string function, int? width = null)
    {
        Guard.NotNull(x, function);
        if (x.Rank != 2 || (width is { } d && x.Shape[1] != d))
            throw new ShapeException($"{function}: inputs x {x.Shape} must be rows [N, {(width is { } w ? w.ToString() : "D")}]{(width is null ? "" : " (the weights' length)")}.");
        Guard.AllFinite(x, function);
    }

    internal static IEnumerable<double> Scores(Tensor<double> x, Tensor<double> w, double b)
    {
        var rows = x.ToArray();
        var wa = w.ToArray();
        var d = wa.Length;
        return Enumerable.Range(0, x.Shape[0]).Select(i => System.Numerics.Tensors.TensorPrimitives.Dot<double>(rows.AsSpan(i * d, d), wa) + b);
    }
}
