using System.Numerics;
using System.Runtime.CompilerServices;

namespace PureNet;

/// <summary>RMSProp's coefficients for one step (lr holds −η, rest = 1 − ρ).</summary>
internal readonly record struct RmsPropCoefficients<T>(T Lr, T Eps, T Decay, T Rest, T Mu, bool Centered, bool WithMomentum) where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>
/// RMSProp with a centered denominator and/or momentum in one pass per tensor, SIMD-wide; the operations and their
/// order are torch.optim.RMSprop's (c′ = ρc + (1−ρ)g²; a′ = ρa + (1−ρ)g; d = √(c′ − a′²) + ε; b′ = μb + g/d; u = −η·b′).
/// One difference: c′ − a′² is a variance, ≥ 0, but for a gradient that stops varying rounding makes it slightly
/// negative and torch's √ gives NaN; it is clamped at 0 here (so only where torch would give NaN do the two differ).
/// </summary>
internal static class RmsPropKernel
{
    /// <summary><paramref name="moments"/> is [c, a?, b?] (a when centered, b with momentum); the new moments come back in that order.</summary>
    public static (Tensor<T> Update, Tensor<T>[] Moments) Run<T>(Tensor<T> g, Tensor<T>[] moments, RmsPropCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = g.Size;
        var (u, c1) = (LargeBuffers<T>.Rent(n), LargeBuffers<T>.Rent(n));
        var a1 = c.Centered ? LargeBuffers<T>.Rent(n) : [];
        var b1 = c.WithMomentum ? LargeBuffers<T>.Rent(n) : [];
        var k = 1;
        var a = c.Centered ? moments[k++].Span : default;
        var b = c.WithMomentum ? moments[k].Span : default;
        Pass(g.Span, moments[0].Span, a, b, u, c1, a1, b1, c);
        Tensor<T>[] next = [Tensor<T>.Owned(g.Shape, c1), .. c.Centered ? [Tensor<T>.Owned(g.Shape, a1)] : Array.Empty<Tensor<T>>(),
                            .. c.WithMomentum ? [Tensor<T>.Owned(g.Shape, b1)] : Array.Empty<Tensor<T>>()];
        return (Tensor<T>.Owned(g.Shape, u), next);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Pass<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> sq, ReadOnlySpan<T> avg, ReadOnlySpan<T> buf,
        Span<T> u, Span<T> sq1, Span<T> avg1, Span<T> buf1, RmsPropCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            Vector<T> decay = new(c.Decay), rest = new(c.Rest), eps = new(c.Eps), mu = new(c.Mu), lr = new(c.Lr);
            for (; i <= g.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gv = new Vector<T>(g[i..]);
                var s = new Vector<T>(sq[i..]) * decay + gv * gv * rest;
                s.CopyTo(sq1[i..]);
                var spread = s;
                if (c.Centered)
                {
                    var av = new Vector<T>(avg[i..]) * decay + gv * rest;
                    av.CopyTo(avg1[i..]);
                    spread = s - av * av;
                    spread = Vector.ConditionalSelect(Vector.LessThan(spread, Vector<T>.Zero), Vector<T>.Zero, spread);   // NaN stays NaN
                }
                var step = gv / (Vector.SquareRoot(spread) + eps);
                if (c.WithMomentum)
                {
                    step = new Vector<T>(buf[i..]) * mu + step;
                    step.CopyTo(buf1[i..]);
                }
                (step * lr).CopyTo(u[i..]);
            }
        }
        for (; i < g.Length; i++)
        {
            var s = sq[i] * c.Decay + g[i] * g[i] * c.Rest;
            sq1[i] = s;
            var spread = s;
            if (c.Centered)
            {
                var av = avg[i] * c.Decay + g[i] * c.Rest;
                avg1[i] = av;
                spread = s - av * av;
                if (spread < T.Zero) spread = T.Zero;
            }
            var step = g[i] / (T.Sqrt(spread) + c.Eps);
            if (c.WithMomentum) buf1[i] = step = buf[i] * c.Mu + step;
            u[i] = step * c.Lr;
        }
    }
}
