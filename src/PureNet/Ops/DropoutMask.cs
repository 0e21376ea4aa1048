using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// An inverted-dropout mask shaped like its input: 1/(1 − P) with probability 1 − P, else 0, drawn from a seed over
/// the concrete shape (same seed, same mask). It reads only its input's shape, so its derivative is 0.
/// </summary>
public sealed record DropoutMaskOp(double P, ulong Seed) : IOp
{
    public string Name => "dropout_mask";
    public Shape InferShape(Seq<Shape> s) =>
        P >= 0 && P < 1 ? Rules.Same(Name, s, 1) : throw new ArgumentException($"{Name}: P {P} is outside the allowed range [0, 1).", nameof(P));
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (u, _) = new Rng(Seed).Draw(output.Size, r => r.NextDouble());
        var scale = T.CreateChecked(1 / (1 - P));
        return Tensor.FromArray<T>(output, [.. u.Select(v => v >= P ? scale : T.Zero)]);
    }
    public ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.ZerosLike(y.Inputs[0])];
}

public static partial class Fn
{
    /// <summary>
    /// Inverted dropout: in training, each element is zeroed with probability p and the rest scaled by 1/(1 − p);
    /// in evaluation, the identity. Returns the generator state for the next random use.
    /// </summary>
    public static (Expr Output, Rng Next) Dropout(Expr x, double p, bool training, Rng rng)
    {
        Guard.NotNull(x, "Dropout");
        if (!(p >= 0 && p < 1)) throw new ArgumentException($"Dropout: p {p} is outside the allowed range [0, 1).", nameof(p));
        if (!training || p == 0) return (x, rng);
        var (bits, next) = rng.NextBits();
        return (x * Unary(new DropoutMaskOp(p, bits), x), next);
    }
}
