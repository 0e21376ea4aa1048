using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>
/// A product summed over a batch, split by batch across cores: share 0 writes straight into C, every other share into
/// its own m×n buffer, and the shares are added into C at the end. The GEMM's and the dot-product kernel's batch sums
/// both run through here.
/// </summary>
internal static unsafe class ShareSum
{
    /// <summary>Computes share <paramref name="share"/> into <paramref name="target"/>, laid out as <paramref name="layout"/>.</summary>
    public delegate void Share<T>(int share, T* target, MatrixLayout layout) where T : unmanaged;

    public static void Run<T>(T* c, MatrixLayout lc, int shares, Share<T> share) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, n) = (lc.Rows, lc.Cols);
        var partial = ArrayPool<T>.Shared.Rent((shares - 1) * m * n);
        try
        {
            fixed (T* pp = partial)
            {
                nint xc = (nint)c, xp = (nint)pp;
                Workers.For(shares, s =>
                {
                    if (s == 0) share(0, (T*)xc, lc);
                    else share(s, (T*)xp + (nint)(s - 1) * m * n, MatrixLayout.RowMajor(m, n));
                });
                for (var s = 1; s < shares; s++)
                    for (var i = 0; i < m; i++)
                    {
                        var row = new Span<T>(c + lc.Offset + (nint)i * lc.RowStride, n);
                        TensorPrimitives.Add(row, new ReadOnlySpan<T>(pp + (nint)(s - 1) * m * n + (nint)i * n, n), row);
                    }
            }
        }
        finally { ArrayPool<T>.Shared.Return(partial); }
    }
}
