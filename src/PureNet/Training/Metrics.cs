using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>Classification metrics from a model's output and the targets.</summary>
public static class Metrics
{
    /// <summary>
    /// The number of rows classified right. Output [N, C] with C ≥ 2: the class is the arg-max; targets are one-hot
    /// [N, C] (arg-max) or labels [N] / [N, 1], whole numbers in [0, C). Output [N] or [N, 1]: one score whose sign is
    /// the class (a logit, a tanh output or a perceptron's score), against targets ±1 or {0, 1} (positive when &gt; 0.5).
    /// A row whose output holds NaN predicts no class, so it counts as wrong; a NaN or ±∞ target, or a label that is no
    /// class, is refused, naming its row.
    /// </summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="output">The model's output for N rows: [N, C], [N] or [N, 1].</param>
    /// <param name="target">The targets for the same N rows.</param>
    /// <returns>The number of rows classified right, in [0, N].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes fit none of the rules, or the row counts differ.</exception>
    /// <exception cref="ArgumentException">A target is NaN or ±∞, a label is no class, or a sign target lies beyond ±1.</exception>
    public static int Correct<T>(Tensor<T> output, Tensor<T> target) where T : unmanaged, IFloatingPointIeee754<T> =>
        Count(output, target, "Metrics.Correct");

    /// <summary>The fraction of rows classified right (see <see cref="Correct{T}"/>); NaN for no rows (0/0, as a mean of nothing).</summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="output">The model's output for N rows: [N, C], [N] or [N, 1].</param>
    /// <param name="target">The targets for the same N rows.</param>
    /// <returns>The accuracy in [0, 1], or NaN when N = 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes fit none of the rules, or the row counts differ.</exception>
    /// <exception cref="ArgumentException">A target is NaN or ±∞, a label is no class, or a sign target lies beyond ±1.</exception>
    public static double Accuracy<T>(Tensor<T> output, Tensor<T> target) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var correct = Count(output, target, "Metrics.Accuracy");
        return output.Shape[0] == 0 ? double.NaN : (double)correct / output.Shape[0];
    }

    static int Count<T>(Tensor<T> output, Tensor<T> target, string function) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(output, function);
        Guard.NotNull(target, function);
        var (kind, classes) = Rule(output.Shape, target.Shape, function);
        if (output.Shape[0] != target.Shape[0])
            throw new ShapeException($"{function}: output {output.Shape} and targets {target.Shape} have {output.Shape[0]} and {target.Shape[0]} rows; they need one row each.");
        CheckTargets(kind, classes, target, function);
        var n = output.Shape[0];
        var o = output.Span;
        var t = target.Span;
        var correct = 0;
        for (var i = 0; i < n; i++)
        {
            var row = o.Slice(i * classes, classes);
            if (HasNaN(row)) continue;                       // no class predicted: wrong whatever the target
            var right = kind switch
            {
                Scoring.Sign => row[0] > T.Zero == double.CreateTruncating(t[i]) > 0.5,
                Scoring.Labels => TensorPrimitives.IndexOfMax(row) == (int)double.CreateTruncating(t[i]),
                _ => TensorPrimitives.IndexOfMax(row) == TensorPrimitives.IndexOfMax(t.Slice(i * classes, classes)),
            };
            if (right) correct++;
        }
        return correct;
    }

    /// <summary>How an output is scored against targets: by the sign of one score, or by the arg-max against labels or one-hot rows.</summary>
    internal enum Scoring { Sign, Labels, OneHot }

    /// <summary>
    /// The scoring rule for these shapes (either may have an open batch axis first), and the classes per row (1 for a
    /// sign); a ShapeException naming <paramref name="function"/>, both shapes and the rule when they do not fit.
    /// </summary>
    internal static (Scoring Kind, int Classes) Rule(Shape output, Shape target, string function)
    {
        const string outputs = "[N] or [N, 1] (one score whose sign is the class) or [N, C] (a score per class)";
        if (output.Rank is < 1 or > 2) throw new ShapeException($"{function}: output {output} has rank {output.Rank}; it must be {outputs}.");
        if (target.Rank is < 1 or > 2) throw new ShapeException($"{function}: targets {target} have rank {target.Rank}; they must be [N] or [N, 1] (labels or signs) or [N, C] (one-hot).");
        var classes = output.Rank == 1 ? 1 : output[1];
        var width = target.Rank == 1 ? 1 : target[1];
        if (classes == 0) throw new ShapeException($"{function}: output {output} scores no class; it must be {outputs}.");
        if (classes == 1)
            return width == 1 ? (Scoring.Sign, 1)
                : throw new ShapeException($"{function}: output {output} is one score per row (its sign is the class), so targets must be one per row ([N] or [N, 1], ±1 or 0/1), not {target}.");
        return width == classes ? (Scoring.OneHot, classes)
            : width == 1 ? (Scoring.Labels, classes)
            : throw new ShapeException($"{function}: targets {target} are neither one-hot [N, {classes}] nor labels [N] / [N, 1] for output {output}.");
    }

    /// <summary>
    /// Every target row means something under the rule: finite, and for labels a whole number in [0, C). The message
    /// names <paramref name="function"/>, the value and its row (the first axis of <paramref name="target"/>).
    /// </summary>
    internal static void CheckTargets<T>(Scoring kind, int classes, Tensor<T> target, string function, string rows = "row") where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = target.Span;
        var width = target.Shape[0] == 0 ? 0 : t.Length / target.Shape[0];
        for (var k = 0; k < t.Length; k++)
        {
            var v = double.CreateTruncating(t[k]);
            if (!double.IsFinite(v))
                throw new ArgumentException($"{function}: the target at {rows} {k / width} is {v}; targets must be finite (not NaN or ±∞).", nameof(target));
            // One score per row tells two classes apart: a target past ±1 (a third class's label) has no sign to match.
            if (kind == Scoring.Sign && Math.Abs(v) > 1)
                throw new ArgumentException($"{function}: target {v} at {rows} {k / width} is not one of two classes; an output of one score per row is scored against ±1, 0/1 or a probability in [0, 1].", nameof(target));
            if (kind == Scoring.Labels && !(v >= 0 && v < classes && v == Math.Floor(v)))
                throw new ArgumentException($"{function}: label {v} at {rows} {k / width} is not a class; labels are whole numbers in [0, {classes}).", nameof(target));
        }
    }

    static bool HasNaN<T>(ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var v in row) if (T.IsNaN(v)) return true;
        return false;
    }
}
