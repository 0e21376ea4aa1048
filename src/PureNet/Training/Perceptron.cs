using LanguageExt;
using static PureNet.Fn;

namespace PureNet;

/// <summary>A trained perceptron: weights, bias, the mistakes made (updates) in total and per epoch, and whether an epoch passed with none.</summary>
public sealed record PlaResult(Tensor<double> W, double B, int Mistakes, int Epochs, bool Converged, Seq<int> MistakesPerEpoch)
{
    /// <summary>±1 per row of x: the sign of x·w + b (a score of 0 counts as −1, as in training, where it is a mistake either way).</summary>
    public Tensor<double> Predict(Tensor<double> x) =>
        Tensor.FromArray<double>(new Shape(x.Shape[0]), [.. Perceptron.Scores(x, W, B).Select(s => s > 0 ? 1.0 : -1.0)]);
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
    public static Expr Apply(Expr x, Expr w, Expr b) => 2 * Activations.Step(MatMul(x, w) + b) - 1;

    /// <summary>
    /// Runs PLA on rows of <paramref name="x"/> [N, D] with labels <paramref name="y"/> [N] in {−1, +1}, starting from
    /// zero, for at most <paramref name="maxEpochs"/> passes in row order; stops after the first pass without a mistake.
    /// </summary>
    public static PlaResult Train(Tensor<double> x, Tensor<double> y, int maxEpochs, bool bias = true)
    {
        ArgumentNullException.ThrowIfNull(x, nameof(x));
        ArgumentNullException.ThrowIfNull(y, nameof(y));
        if (x.Rank != 2 || y.Rank != 1 || x.Shape[0] != y.Shape[0])
            throw new ShapeException($"Perceptron.Train: x {x.Shape} must be [N, D] and y {y.Shape} must be [N] with the same N.");
        if (x.Shape[0] == 0) throw new ArgumentException("Perceptron.Train: no examples.", nameof(x));
        Check.AtLeast("Perceptron.Train", nameof(maxEpochs), maxEpochs, 1);
        foreach (var (label, i) in y.ToArray().Select((v, i) => (v, i)))
            if (label != 1 && label != -1)
                throw new ArgumentException($"Perceptron.Train: label {label} at row {i}; labels must be −1 or +1.", nameof(y));
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

    internal static IEnumerable<double> Scores(Tensor<double> x, Tensor<double> w, double b)
    {
        if (x.Rank != 2 || x.Shape[1] != w.Size) throw new ShapeException($"Perceptron: inputs {x.Shape} do not match weights {w.Shape}.");
        var rows = x.ToArray();
        var wa = w.ToArray();
        var d = wa.Length;
        return Enumerable.Range(0, x.Shape[0]).Select(i => System.Numerics.Tensors.TensorPrimitives.Dot<double>(rows.AsSpan(i * d, d), wa) + b);
    }
}
