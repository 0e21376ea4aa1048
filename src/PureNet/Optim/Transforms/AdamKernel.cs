using System.Numerics;
using System.Runtime.CompilerServices;

namespace PureNet;

/// <summary>Adam's coefficients for one step (step = −η/(1 − β₁ᵗ), root = √(1 − β₂ᵗ), decay = −η·λ or 0; AmsGrad keeps the running max of v).</summary>
internal readonly record struct AdamCoefficients<T>(T B1, T R1, T B2, T R2, T Step, T Root, T Eps, T Decay, bool AmsGrad) where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>
/// Adam in one pass per tensor: reads g, m, v (v̂ for amsgrad, x for AdamW) once and writes m′, v′ (v̂′) and the update,
/// SIMD-wide. The operations and their order are those of PyTorch's arrangement, element by element.
/// </summary>
internal static class AdamKernel
{
    /// <summary><paramref name="moments"/> is [m, v] or, for amsgrad, [m, v, v̂]; the new moments come back in that order.</summary>
    public static (Tensor<T> Update, Tensor<T>[] Moments) Run<T>(Tensor<T> g, Tensor<T>[] moments, Tensor<T> x, AdamCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = g.Size;
        var (u, m1, v1) = (LargeBuffers<T>.Rent(n), LargeBuffers<T>.Rent(n), LargeBuffers<T>.Rent(n));
        var max1 = c.AmsGrad ? LargeBuffers<T>.Rent(n) : [];
        Pass(g.Span, moments[0].Span, moments[1].Span, c.AmsGrad ? moments[2].Span : default, x.Span, u, m1, v1, max1, c);
        Tensor<T>[] next = c.AmsGrad
            ? [Tensor<T>.Owned(g.Shape, m1), Tensor<T>.Owned(g.Shape, v1), Tensor<T>.Owned(g.Shape, max1)]
            : [Tensor<T>.Owned(g.Shape, m1), Tensor<T>.Owned(g.Shape, v1)];
        return (Tensor<T>.Owned(g.Shape, u), next);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Pass<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> m, ReadOnlySpan<T> v, ReadOnlySpan<T> vmax, ReadOnlySpan<T> x,
        Span<T> u, Span<T> m1, Span<T> v1, Span<T> vmax1, AdamCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        var decoupled = c.Decay != T.Zero;
        var ams = c.AmsGrad;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            Vector<T> b1 = new(c.B1), r1 = new(c.R1), b2 = new(c.B2), r2 = new(c.R2), step = new(c.Step), root = new(c.Root), eps = new(c.Eps), decay = new(c.Decay);
            for (; i <= g.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gv = new Vector<T>(g[i..]);
                var mv = new Vector<T>(m[i..]) * b1 + gv * r1;
                var vv = new Vector<T>(v[i..]) * b2 + gv * gv * r2;
                var vd = vv;
                if (ams)
                {
                    vd = Vector.Max(new Vector<T>(vmax[i..]), vv);
                    vd.CopyTo(vmax1[i..]);
                }
                var uv = mv / (Vector.SquareRoot(vd) / root + eps) * step;
                if (decoupled) uv = new Vector<T>(x[i..]) * decay + uv;
                mv.CopyTo(m1[i..]);
                vv.CopyTo(v1[i..]);
                uv.CopyTo(u[i..]);
            }
        }
        for (; i < g.Length; i++)
        {
            var mi = m[i] * c.B1 + g[i] * c.R1;
            var vi = v[i] * c.B2 + g[i] * g[i] * c.R2;
            var di = vi;
            if (ams) vmax1[i] = di = T.Max(vmax[i], vi);   // T.Max propagates NaN, as torch.maximum does
            var ui = mi / (T.Sqrt(di) / c.Root + c.Eps) * c.Step;
            (m1[i], v1[i], u[i]) = (mi, vi, decoupled ? x[i] * c.Decay + ui : ui);
        }
    }
}
