using System.Numerics.Tensors;
using System.Numerics;

namespace PureNet;

/// <summary>Classification metrics from a model's output and the targets.</summary>
public static class Metrics
{
    /// <summary>
    /// The number of rows classified right. Output [N, C] with C ≥ 2: the class is the arg-max; targets are one-hot
    /// [N, C] (arg-max) or labels [N] / [N, 1]. Output [N] or [N, 1]: one score whose sign is the class (a logit, a
    /// tanh output or a perceptron's score), against targets ±1 or {0, 1} (positive when &gt; 0.5).
    /// </summary>
    public static int Correct<T>(Tensor<T> output, Tensor<T> target) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (output.Rank == 0 || target.Rank == 0 || output.Shape[0] != target.Shape[0])
            throw new ShapeException($"Metrics.Correct: output {output.Shape} and targets {target.Shape} need one first axis of equal length.");
        var n = output.Shape[0];
        var c = n == 0 ? 0 : output.Size / n;
        var o = output.Span;
        var t = target.Span;
        var tw = n == 0 ? 0 : target.Size / n;
        if (n > 0 && c != 1 && tw != c && tw != 1)
            throw new ShapeException($"Metrics.Correct: targets {target.Shape} are neither one-hot [N, {c}] nor labels [N] for output {output.Shape}.");
        var correct = 0;
        for (var i = 0; i < n; i++)
        {
            bool right;
            if (c == 1) right = o[i] > T.Zero == double.CreateTruncating(t[i * tw]) > 0.5;
            else
            {
                var predicted = TensorPrimitives.IndexOfMax(o.Slice(i * c, c));
                var truth = tw == c ? TensorPrimitives.IndexOfMax(t.Slice(i * tw, tw)) : (int)double.CreateTruncating(t[i]);
                right = predicted == truth;
            }
            if (right) correct++;
        }
        return correct;
    }

    /// <summary>The fraction of rows classified right (see <see cref="Correct{T}"/>).</summary>
    public static double Accuracy<T>(Tensor<T> output, Tensor<T> target) where T : unmanaged, IFloatingPointIeee754<T> =>
        output.Shape[0] == 0 ? double.NaN : (double)Correct(output, target) / output.Shape[0];
}
