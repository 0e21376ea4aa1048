using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>
/// Softmax cross-entropy against integer labels, one row (the last axis) at a time: the loss log Σ e^(x − m) + m − x_label
/// and its cotangent g·(softmax(x) − onehot(label)), each in one pass over the logits, with the row maximum m
/// subtracted so logits of ±1000 stay finite.
/// </summary>
internal static class SoftmaxCrossEntropyKernel
{
    /// <summary>Throws unless every label is a whole number in [0, classes).</summary>
    public static void CheckLabels<T>(ReadOnlySpan<T> labels, int classes, string op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < labels.Length; i++)
        {
            var v = double.CreateChecked(labels[i]);
            if (!(v >= 0 && v < classes && v == Math.Floor(v)))
                throw new ArgumentException($"{op}: label {v} at position {i} is outside the allowed range: whole numbers in [0, {classes}).", "labels");
        }
    }

    public static Tensor<T> Loss<T>(Tensor<T> logits, Tensor<T> labels) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var classes = logits.Shape[^1];
        CheckLabels(labels.Span, classes, "softmax_cross_entropy");
        var loss = new T[labels.Size];
        var x = logits.Span;
        var tmp = ArrayPool<T>.Shared.Rent(classes);
        for (var r = 0; r < loss.Length; r++)
        {
            var row = x.Slice(r * classes, classes);
            var m = TensorPrimitives.Max(row);
            var e = tmp.AsSpan(0, classes);
            TensorPrimitives.Subtract(row, m, e);
            TensorPrimitives.Exp(e, e);
            loss[r] = T.Log(TensorPrimitives.Sum<T>(e)) + m - row[int.CreateChecked(labels.Span[r])];
        }
        ArrayPool<T>.Shared.Return(tmp);
        return new Tensor<T>(labels.Shape, loss);
    }

    /// <summary>d loss / d logits for a cotangent g per row: g·(softmax(x) − onehot(label)).</summary>
    public static Tensor<T> Gradient<T>(Tensor<T> logits, Tensor<T> labels, Tensor<T> g, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var classes = logits.Shape[^1];
        CheckLabels(labels.Span, classes, "softmax_cross_entropy_grad");
        var dx = allocate.New(logits.Size);
        var x = logits.Span;
        for (var r = 0; r < labels.Size; r++)
        {
            var row = x.Slice(r * classes, classes);
            var d = dx.AsSpan(r * classes, classes);
            var m = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, m, d);
            TensorPrimitives.Exp(d, d);
            var scale = g.Span[r] / TensorPrimitives.Sum<T>(d);
            TensorPrimitives.Multiply(d, scale, d);
            d[int.CreateChecked(labels.Span[r])] -= g.Span[r];
        }
        return new Tensor<T>(logits.Shape, dx);
    }
}
