using System.Numerics;
using System.Runtime.Intrinsics;

namespace PureNet;

/// <summary>An elementwise comparison a ∘ b, as <see cref="Fn.Compare"/> makes a 0/1 mask of it; every ordered comparison with NaN is false.</summary>
public enum CompareKind
{
    /// <summary>a &lt; b.</summary>
    Less,
    /// <summary>a ≤ b.</summary>
    LessOrEqual,
    /// <summary>a &gt; b.</summary>
    Greater,
    /// <summary>a ≥ b.</summary>
    GreaterOrEqual,
    /// <summary>a = b.</summary>
    Equal,
    /// <summary>a ≠ b (true where either is NaN).</summary>
    NotEqual,
}

/// <summary>
/// Comparisons to 0/1 masks and the select on a mask, vectorised (256-bit lanes, a scalar tail). Their NaN behaviour
/// is the scalar operators': every ordered comparison with NaN is false, so NaN ≠ x and a NaN condition selects a.
/// </summary>
internal static class Masks
{
    public static Tensor<T> Compare<T>(Tensor<T> a, Tensor<T> b, CompareKind kind, string op, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        kind switch
        {
            CompareKind.Less => Elementwise.Binary(a, b, (x, y, z) => Run(x, y, z, Vector256.LessThan, (p, q) => p < q), op, allocate),
            CompareKind.LessOrEqual => Elementwise.Binary(a, b, (x, y, z) => Run(x, y, z, Vector256.LessThanOrEqual, (p, q) => p <= q), op, allocate),
            CompareKind.Greater => Elementwise.Binary(a, b, (x, y, z) => Run(x, y, z, Vector256.GreaterThan, (p, q) => p > q), op, allocate),
            CompareKind.GreaterOrEqual => Elementwise.Binary(a, b, (x, y, z) => Run(x, y, z, Vector256.GreaterThanOrEqual, (p, q) => p >= q), op, allocate),
            CompareKind.Equal => Elementwise.Binary(a, b, (x, y, z) => Run(x, y, z, Vector256.Equals, (p, q) => p == q), op, allocate),
            _ => Elementwise.Binary(a, b, (x, y, z) => Run(x, y, z, (p, q) => ~Vector256.Equals(p, q), (p, q) => p != q), op, allocate),
        };

    static void Run<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> z, Func<Vector256<T>, Vector256<T>, Vector256<T>> test, Func<T, T, bool> scalar)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var one = Vector256.Create(T.One);
        var w = Vector256<T>.Count;
        var i = 0;
        for (; i <= z.Length - w; i += w)
            (test(Vector256.Create(x.Slice(i, w)), Vector256.Create(y.Slice(i, w))) & one).CopyTo(z.Slice(i, w));
        for (; i < z.Length; i++) z[i] = scalar(x[i], y[i]) ? T.One : T.Zero;
    }

    /// <summary>cond ≠ 0 ? a : b elementwise over three tensors of one shape.</summary>
    public static Tensor<T> Select<T>(Tensor<T> cond, Tensor<T> a, Tensor<T> b, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> c = cond.Span, x = a.Span, y = b.Span;
        var z = allocate.New(c.Length);
        var w = Vector256<T>.Count;
        var i = 0;
        for (; i <= z.Length - w; i += w)
        {
            var keep = ~Vector256.Equals(Vector256.Create(c.Slice(i, w)), Vector256<T>.Zero);
            Vector256.ConditionalSelect(keep, Vector256.Create(x.Slice(i, w)), Vector256.Create(y.Slice(i, w))).CopyTo(z.AsSpan(i, w));
        }
        for (; i < z.Length; i++) z[i] = c[i] != T.Zero ? x[i] : y[i];
        return new Tensor<T>(a.Shape, z);
    }
}
