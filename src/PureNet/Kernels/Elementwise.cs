using System.Numerics;

namespace PureNet;

/// <summary>y = f(x) over a span; <c>TensorPrimitives.Tanh</c> and friends fit.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="x">The input elements.</param>
/// <param name="y">Where the results go, as long as <paramref name="x"/>.</param>
public delegate void UnaryKernel<T>(ReadOnlySpan<T> x, Span<T> y);
/// <summary>z = f(x, y) over spans of one length; <c>TensorPrimitives.Add</c> and friends fit.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="x">The first operand's elements.</param>
/// <param name="y">The second operand's elements, as many.</param>
/// <param name="z">Where the results go, as long as the operands.</param>
public delegate void BinaryKernel<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> z);

/// <summary>
/// Elementwise loops: each output element depends on the input elements at the same index. Large tensors are cut
/// into chunks that run on all cores; a trailing-axes broadcast (a bias row) is applied row by row, never copied.
/// </summary>
internal static class Elementwise
{

    public static Tensor<T> Unary<T>(Tensor<T> x, UnaryKernel<T> kernel, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = allocate.New(x.Size);
        var src = x.Memory;
        Planes.Runs(y.Length, (at, n) => kernel(src.Span.Slice(at, n), y.AsSpan(at, n)));
        return new Tensor<T>(x.Shape, y);
    }

    /// <summary>For functions <c>TensorPrimitives</c> lacks (erf, sign, log1p).</summary>
    public static Tensor<T> Map<T>(Tensor<T> x, Func<T, T> f, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        Unary(x, (src, dst) => { for (var i = 0; i < dst.Length; i++) dst[i] = f(src[i]); }, allocate);

    /// <summary>Applies a binary kernel after broadcasting both operands to their common shape.</summary>
    public static Tensor<T> Binary<T>(Tensor<T> a, Tensor<T> b, BinaryKernel<T> kernel, string op, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shape = a.Shape == b.Shape ? a.Shape : Broadcast.Shapes(a.Shape, b.Shape, op);
        var z = allocate.New(shape.Size);
        if (a.Shape == shape && b.Shape == shape) Same(a.Memory, b.Memory, z, kernel);
        else if (a.Shape == shape && IsTrailing(b.Shape, shape)) Rows(a.Span, b.Span, z, kernel, rowIsSecond: true);
        else if (b.Shape == shape && IsTrailing(a.Shape, shape)) Rows(b.Span, a.Span, z, kernel, rowIsSecond: false);
        else if (a.Shape == shape && Blockwise(b.Shape, shape) is var (mb, ib) && mb > 0) Blocks(a.Memory, b.Memory, z, mb, ib, kernel, smallIsSecond: true);
        else if (b.Shape == shape && Blockwise(a.Shape, shape) is var (ma, ia) && ma > 0) Blocks(b.Memory, a.Memory, z, ma, ia, kernel, smallIsSecond: false);
        else Same(Layout.BroadcastTo(a, shape, allocate).Memory, Layout.BroadcastTo(b, shape, allocate).Memory, z, kernel);
        return new Tensor<T>(shape, z);
    }

    static void Same<T>(ReadOnlyMemory<T> a, ReadOnlyMemory<T> b, T[] z, BinaryKernel<T> kernel) =>
        Planes.Runs(z.Length, (at, n) => kernel(a.Span.Slice(at, n), b.Span.Slice(at, n), z.AsSpan(at, n)));

    /// <summary>
    /// True when <paramref name="small"/> is <paramref name="full"/>'s trailing axes (after dropping leading 1s): a row
    /// repeated, which <see cref="Binary{T}"/> reads in place. Plans skip a broadcast_to only in this case.
    /// </summary>
    internal static bool IsTrailing(Shape small, Shape full)
    {
        var dims = small.SkipWhile(d => d == 1).ToArray();
        if (dims.Length == 0 || dims.Length > full.Rank) return false;
        for (var i = 0; i < dims.Length; i++) if (dims[i] != full[full.Rank - dims.Length + i]) return false;
        return true;
    }

    /// <summary>
    /// Whether <paramref name="small"/> (its rank padded with leading 1s) is 1 on leading axes, equal to
    /// <paramref name="full"/> on a middle run and 1 on the trailing axes (a per-channel [1, C, 1, 1] against
    /// [N, C, H, W], or a single value): then each of its <c>Mid</c> values covers runs of <c>Inner</c> consecutive
    /// elements, which <see cref="Binary{T}"/> reads in place. (0, 0) when it is not.
    /// </summary>
    internal static (int Mid, int Inner) Blockwise(Shape small, Shape full)
    {
        if (small.Rank > full.Rank) return (0, 0);
        var lead = full.Rank - small.Rank;                                      // small's axis i - lead, 1 before it
        int Padded(int i) => i < lead ? 1 : small[i - lead];
        var j = 0;
        while (j < full.Rank && Padded(j) == 1) j++;
        var k = j;
        while (k < full.Rank && Padded(k) != 1 && Padded(k) == full[k]) k++;
        for (var i = k; i < full.Rank; i++) if (Padded(i) != 1) return (0, 0);
        if (full.HasBatch) return (1, 1);                                      // a plan's check: the pattern, not the sizes
        var (mid, inner) = (1L, 1L);
        for (var i = j; i < k; i++) mid *= full[i];
        for (var i = k; i < full.Rank; i++) inner *= full[i];
        return mid == 1 ? (1, full.Size) : ((int)mid, (int)inner);             // one value: one run of everything
    }

    const int Segment = 1024;

    /// <summary>
    /// z = full ∘ small with small's value m covering the runs [(o·Mid + m)·Inner, … + Inner): each run goes to the kernel
    /// in segments beside a short buffer holding the value, refilled only when the value changes.
    /// </summary>
    static void Blocks<T>(ReadOnlyMemory<T> full, ReadOnlyMemory<T> small, T[] z, int mid, int inner, BinaryKernel<T> kernel, bool smallIsSecond)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Planes.Runs(z.Length, (at, n) =>
        {
            Span<T> value = stackalloc T[Math.Min(Segment, inner)];
            var (held, filled) = (-1, 0);
            var f = full.Span;
            var s = small.Span;
            var zs = z.AsSpan();
            for (var p = at; p < at + n;)
            {
                var block = p / inner;
                var length = Math.Min(Math.Min(inner - p % inner, at + n - p), value.Length);
                var m = block % mid;
                if (m != held || filled < length) { value[..length].Fill(s[m]); (held, filled) = (m, length); }
                if (smallIsSecond) kernel(f.Slice(p, length), value[..length], zs.Slice(p, length));
                else kernel(value[..length], f.Slice(p, length), zs.Slice(p, length));
                p += length;
            }
        });

    static void Rows<T>(ReadOnlySpan<T> full, ReadOnlySpan<T> row, Span<T> z, BinaryKernel<T> kernel, bool rowIsSecond)
    {
        var n = row.Length;
        for (var at = 0; at < z.Length; at += n)
            if (rowIsSecond) kernel(full.Slice(at, n), row, z.Slice(at, n));
            else kernel(row, full.Slice(at, n), z.Slice(at, n));
    }
}
