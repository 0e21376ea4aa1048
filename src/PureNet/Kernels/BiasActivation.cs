using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace PureNet;

/// <summary>The activations that fuse with a bias add and have a one-pass backward written in terms of their output.</summary>
public enum ActivationKind
{
    /// <summary>act(z) = z; act′ = 1.</summary>
    Identity,
    /// <summary>act(z) = max(z, 0); act′ = [y &gt; 0], 0 at 0.</summary>
    Relu,
    /// <summary>act(z) = tanh z; act′ = 1 − y².</summary>
    Tanh,
    /// <summary>act(z) = σ(z) = 1/(1 + e⁻ᶻ); act′ = y(1 − y).</summary>
    Sigmoid,
}

/// <summary>
/// y = act(x + b) in one pass (each row or channel run is added to and activated while it is in cache), and the
/// activation's backward g·act′ computed from y in one pass.
/// </summary>
internal static class BiasActivationKernel
{
    /// <summary>
    /// How b repeats over x: b (without leading and trailing unit axes) matches a block of x's axes, so element i of x
    /// takes b[(i / Inner) % Size]. Null when b broadcasts some other way.
    /// </summary>
    public static (int Outer, int Size, int Inner)? Layout(Shape x, Shape b)
    {
        var dims = b.SkipWhile(d => d == 1).ToArray();
        var trailingOnes = dims.Reverse().TakeWhile(d => d == 1).Count();
        var core = dims[..^trailingOnes];
        var end = x.Rank - trailingOnes;                      // x's axes [start, end) carry b
        var start = end - core.Length;
        if (start < 0 || b.Rank > x.Rank) return null;
        for (var i = 0; i < core.Length; i++) if (core[i] != x[start + i]) return null;
        return (x.Product(0, start), x.Product(start, end), x.Product(end, x.Rank));
    }

    public static Tensor<T> Forward<T>(Tensor<T> x, Tensor<T>? b, ActivationKind kind, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var z = allocate.New(x.Size);
        if (b is null) { Activate(x.Span, z, kind); return new Tensor<T>(x.Shape, z); }
        if (Layout(x.Shape, b.Shape) is not var (outer, size, inner))
        {
            TensorPrimitives.Add(x.Span, PureNet.Layout.BroadcastTo(b, x.Shape, allocate).Span, z);
            Activate(z, z, kind);
            return new Tensor<T>(x.Shape, z);
        }
        var (xm, bm) = (x.Memory, b.Memory);
        Planes.For(outer, (long)size * inner, o =>
        {
            ReadOnlySpan<T> xs = xm.Span, bs = bm.Span;
            var at = o * size * inner;
            if (inner == 1) TensorPrimitives.Add(xs.Slice(at, size), bs, z.AsSpan(at, size));
            else
                for (var j = 0; j < size; j++)
                    TensorPrimitives.Add(xs.Slice(at + j * inner, inner), bs[j], z.AsSpan(at + j * inner, inner));
            Activate(z.AsSpan(at, size * inner), z.AsSpan(at, size * inner), kind);
        });
        return new Tensor<T>(x.Shape, z);
    }

    static void Activate<T>(ReadOnlySpan<T> x, Span<T> y, ActivationKind kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (kind)
        {
            case ActivationKind.Relu: TensorPrimitives.Max(x, T.Zero, y); break;
            case ActivationKind.Tanh: TensorPrimitives.Tanh(x, y); break;
            case ActivationKind.Sigmoid: TensorPrimitives.Sigmoid(x, y); break;
            default: x.CopyTo(y); break;
        }
    }

    /// <summary>g·act′ from the activation's output y: relu′ = [y &gt; 0] (NaN passes), tanh′ = 1 − y², sigmoid′ = y(1 − y).</summary>
    public static Tensor<T> Backward<T>(Tensor<T> y, Tensor<T> g, ActivationKind kind, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d = allocate.New(y.Size);
        var (ym, gm) = (y.Memory, g.Memory);
        Planes.Runs(d.Length, (at, n) =>
        {
            ReadOnlySpan<T> ys = ym.Span.Slice(at, n), gs = gm.Span.Slice(at, n);
            var ds = d.AsSpan(at, n);
            switch (kind)
            {
                case ActivationKind.Relu:
                {
                    // A NaN y fails y ≤ 0 and passes g on, as the select did.
                    var w = Vector256<T>.Count;
                    var i = 0;
                    for (; i <= n - w; i += w)
                    {
                        var dead = Vector256.LessThanOrEqual(Vector256.Create(ys.Slice(i, w)), Vector256<T>.Zero);
                        Vector256.ConditionalSelect(dead, Vector256<T>.Zero, Vector256.Create(gs.Slice(i, w))).CopyTo(ds.Slice(i, w));
                    }
                    for (; i < n; i++) ds[i] = ys[i] <= T.Zero ? T.Zero : gs[i];
                    break;
                }
                case ActivationKind.Tanh:
                    TensorPrimitives.Multiply(ys, ys, ds);
                    TensorPrimitives.Subtract(T.One, ds, ds);
                    TensorPrimitives.Multiply(ds, gs, ds);
                    break;
                case ActivationKind.Sigmoid:
                    TensorPrimitives.Subtract(T.One, ys, ds);
                    TensorPrimitives.Multiply(ds, ys, ds);
                    TensorPrimitives.Multiply(ds, gs, ds);
                    break;
                default: gs.CopyTo(ds); break;
            }
        });
        return new Tensor<T>(y.Shape, d);
    }
}
