using System.Numerics;
using System.Runtime.CompilerServices;

namespace PureNet;

/// <summary>An optimizer's per-element rule over one moment: (g, m) → (update, m′), SIMD-wide and scalar, the same operations in the same order.</summary>
internal interface IMomentRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    (Vector<T> Update, Vector<T> Moment) Apply(Vector<T> g, Vector<T> m);
    (T Update, T Moment) Apply(T g, T m);
    /// <summary>True when the update always equals the new moment, so one array serves as both.</summary>
    bool UpdateIsMoment => false;
}

/// <summary>One pass per tensor for one-moment optimizers: reads g and m once, writes the update and m′ into new arrays.</summary>
internal static class MomentKernel
{
    /// <remarks>When the rule's update is its new moment (plain momentum), both are one array, written once.</remarks>
    public static (Tensor<T> Update, Tensor<T> Moment) Run<T, TRule>(Tensor<T> g, Tensor<T> m, TRule rule)
        where T : unmanaged, IFloatingPointIeee754<T> where TRule : struct, IMomentRule<T>
    {
        var m1 = LargeBuffers<T>.Rent(g.Size);
        var u = rule.UpdateIsMoment ? m1 : LargeBuffers<T>.Rent(g.Size);
        Pass(g.Span, m.Span, u, m1, rule);
        var moment = Tensor<T>.Owned(g.Shape, m1);
        return (rule.UpdateIsMoment ? moment : Tensor<T>.Owned(g.Shape, u), moment);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Pass<T, TRule>(ReadOnlySpan<T> g, ReadOnlySpan<T> m, Span<T> u, Span<T> m1, TRule rule)
        where T : unmanaged, IFloatingPointIeee754<T> where TRule : struct, IMomentRule<T>
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
            for (; i <= g.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var (uv, mv) = rule.Apply(new Vector<T>(g[i..]), new Vector<T>(m[i..]));
                uv.CopyTo(u[i..]);
                mv.CopyTo(m1[i..]);
            }
        for (; i < g.Length; i++) (u[i], m1[i]) = rule.Apply(g[i], m[i]);
    }
}

/// <summary>v′ = μv − ηg (lr holds −η); the update is v′, or −μv + (1 + μ)v′ for the rewritten Nesterov form.</summary>
/// <remarks>1 + μ and −μ are rounded to T once, from double, as the scalar form always did.</remarks>
internal readonly record struct MomentumRule<T>(T Lr, T Mu, T MuNext, T MuPrev, bool Nesterov) : IMomentRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The rule for rate η at <paramref name="step"/>, every coefficient checked in T for <paramref name="owner"/>.</summary>
    public static MomentumRule<T> Of(string owner, double eta, long step, double mu, bool Nesterov) =>
        new(-Hyper.Rate<T>(owner, "Lr", eta, step), Hyper.As<T>(owner, "Mu", mu), T.CreateChecked(1 + mu), T.CreateChecked(-mu), Nesterov);

    public bool UpdateIsMoment => !Nesterov;

    public (Vector<T> Update, Vector<T> Moment) Apply(Vector<T> g, Vector<T> m)
    {
        var v = m * Mu + g * Lr;
        return (Nesterov ? v * MuNext + m * MuPrev : v, v);
    }

    public (T Update, T Moment) Apply(T g, T m)
    {
        var v = m * Mu + g * Lr;
        return (Nesterov ? v * MuNext + m * MuPrev : v, v);
    }
}

/// <summary>
/// torch's and optax's momentum: b′ = μb + (1 − τ)g (rest holds 1 − τ, or 1 at the first step); the update is −η·b′, or
/// −η·(g + μb′) for torch's Nesterov form (lr holds −η). The operations and their order are torch.optim.SGD's.
/// </summary>
internal readonly record struct TraceRule<T>(T Lr, T Mu, T Rest, bool Nesterov) : IMomentRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public (Vector<T> Update, Vector<T> Moment) Apply(Vector<T> g, Vector<T> m)
    {
        var b = m * Mu + g * Rest;
        return ((Nesterov ? g + b * Mu : b) * Lr, b);
    }

    public (T Update, T Moment) Apply(T g, T m)
    {
        var b = m * Mu + g * Rest;
        return ((Nesterov ? g + b * Mu : b) * Lr, b);
    }
}

/// <summary>c′ = decay·c + rest·g² (AdaGrad: decay = rest = 1); the update is lr·g/(√c′ + ε) (lr holds −η).</summary>
internal readonly record struct SquareAverageRule<T>(T Lr, T Eps, T Decay, T Rest) : IMomentRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    readonly Vector<T> eps = new(Eps);

    public (Vector<T> Update, Vector<T> Moment) Apply(Vector<T> g, Vector<T> m)
    {
        var c = m * Decay + g * g * Rest;
        return (g / (Vector.SquareRoot(c) + eps) * Lr, c);
    }

    public (T Update, T Moment) Apply(T g, T m)
    {
        var c = m * Decay + g * g * Rest;
        return (g / (T.Sqrt(c) + Eps) * Lr, c);
    }
}
