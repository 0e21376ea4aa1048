using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// An inverted-dropout mask shaped like its first input: 1/(1 − P) with probability 1 − P, else 0. The randomness is
/// the second input, a key bound at each call (a [4] tensor of 16-bit chunks, exact in float and double; see
/// <see cref="RandomKey"/>), so one compiled step draws a new mask whenever it is given a new key, and the same key
/// always draws the same mask. It reads only its inputs' shape and key, so its derivative is 0.
/// </summary>
public sealed record DropoutMaskOp(double P) : PrimitiveOp
{
    public override string Name => "dropout_mask";

    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        if (!(P >= 0 && P < 1)) throw new ArgumentException($"{Name}: P {P} is outside the allowed range [0, 1).", nameof(P));
        ShapeRules.Arity(Name, s, 2);
        if (s[1] != RandomKey.Shape)
            throw new ShapeException($"{Name}: the key has shape {s[1]}; a dropout key is a {RandomKey.Shape} tensor (Fn.KeyVariable makes its variable).");
        return s[0];
    }

    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate)
    {
        var (u, _) = new Rng(RandomKey.Bits(x[1])).Draw(output.Size, r => r.NextDouble());
        var scale = T.CreateChecked(1 / (1 - P));
        return Tensor.FromArray<T>(output, [.. u.Select(v => v >= P ? scale : T.Zero)]);
    }

    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.Zeros(y.Shape);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.ZerosLike(y.Inputs[0]), Fn.ZerosLike(y.Inputs[1])];
}

/// <summary>
/// Random keys (for dropout): 64 random bits held as four 16-bit integers in a [4] tensor, so a key survives float and double
/// exactly and is bound like any input. Draw one per step from a pure <see cref="Rng"/>; use one key variable per
/// dropout layer (two layers reading one key with equal shapes would drop the same units).
/// </summary>
public static class RandomKey
{
    public static readonly Shape Shape = new(4);

    /// <summary>A fresh key and the generator state after it.</summary>
    public static (Tensor<T> Key, Rng Next) Draw<T>(Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (bits, next) = rng.NextBits();
        return (Of<T>(bits), next);
    }

    /// <summary>The key holding these 64 bits.</summary>
    public static Tensor<T> Of<T>(ulong bits) where T : unmanaged, IFloatingPointIeee754<T> =>
        Tensor.FromArray<T>(Shape, [.. Enumerable.Range(0, 4).Select(i => T.CreateChecked((bits >> (16 * i)) & 0xFFFF))]);

    /// <summary>The 64 bits a key holds; a tensor that is not a key (wrong shape, non-integer or out-of-range chunks) throws.</summary>
    public static ulong Bits<T>(Tensor<T> key) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (key.Shape != Shape) throw new ShapeException($"dropout key: shape {key.Shape}; a key is a {Shape} tensor.");
        var bits = 0UL;
        for (var i = 0; i < 4; i++)
        {
            var c = double.CreateTruncating(key.Span[i]);
            if (!(c >= 0 && c <= 0xFFFF && c == Math.Floor(c)))
                throw new ArgumentException($"dropout key: chunk {i} is {c}; a key holds integers in [0, 65535] (make one with RandomKey.Draw).", nameof(key));
            bits |= (ulong)c << (16 * i);
        }
        return bits;
    }
}

public static partial class Fn
{
    /// <summary>A dropout key variable (shape [4]) to bind with <see cref="RandomKey.Draw{T}"/> at each call; the fit loop binds every one it finds.</summary>
    public static Variable KeyVariable(string name) => new(name, RandomKey.Shape);

    /// <summary>
    /// Inverted dropout: in training, each element is zeroed with probability p and the rest scaled by 1/(1 − p),
    /// the mask drawn from <paramref name="key"/> (a bound key variable, so every call can draw a new mask); in
    /// evaluation, the identity.
    /// </summary>
    public static Expr Dropout(Expr x, double p, bool training, Expr key)
    {
        DropoutArguments("Dropout", x, p, key);
        if (!training || p == 0) return x;
        return x * new Apply(new DropoutMaskOp(p), Inputs(x, key));
    }

    /// <summary>
    /// Dropout in its original, non-inverted form: in training each element is zeroed with probability p and the rest
    /// kept as they are; in evaluation every element is scaled by 1 − p, the expected value of the training mask.
    /// </summary>
    public static Expr DropoutNonInverted(Expr x, double p, bool training, Expr key)
    {
        DropoutArguments("DropoutNonInverted", x, p, key);
        if (p == 0) return x;
        return training ? x * ((1 - p) * new Apply(new DropoutMaskOp(p), Inputs(x, key))) : (1 - p) * x;
    }

    static void DropoutArguments(string function, Expr x, double p, Expr key)
    {
        Guard.NotNull(x, function);
        if (!(p >= 0 && p < 1)) throw new ArgumentException($"{function}: p {p} is outside the allowed range [0, 1).", nameof(p));
        ArgumentNullException.ThrowIfNull(key, nameof(key));
    }

    /// <summary>The variables that feed dropout keys in <paramref name="roots"/>: what a training loop must bind with fresh keys.</summary>
    public static Seq<Variable> KeyVariables(params Expr[] roots) =>
        Prelude.toSeq(Graph.TopoSort([.. roots]).OfType<Apply>().Where(a => a.Op is DropoutMaskOp).Select(a => a.Inputs[1]).OfType<Variable>()
            .DistinctBy(v => v.Name)).Strict();
}
