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
/// <param name="P">The probability of dropping an element, in [0, 1).</param>
public sealed record DropoutMaskOp(double P) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "dropout_mask";

    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        if (!(P >= 0 && P < 1)) throw new ArgumentException($"{Name}: P {P} is outside the allowed range [0, 1).", nameof(P));
        ShapeRules.Arity(Name, s, 2);
        if (s[1] != RandomKey.Shape)
            throw new ShapeException($"{Name}: the key has shape {s[1]}; a dropout key is a {RandomKey.Shape} tensor (Fn.KeyVariable makes its variable).");
        return s[0];
    }

    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate)
    {
        var (u, _) = new Rng(RandomKey.Bits(x[1])).Draw(output.Size, r => r.NextDouble());
        var scale = T.CreateChecked(1 / (1 - P));
        return Tensor.FromArray<T>(output, [.. u.Select(v => v >= P ? scale : T.Zero)]);
    }

    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.Zeros(y.Shape);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.ZerosLike(y.Inputs[0]), Fn.ZerosLike(y.Inputs[1])];
}

/// <summary>
/// Random keys (for dropout): 64 random bits held as four 16-bit integers in a [4] tensor, so a key survives float and double
/// exactly and is bound like any input. Draw one per step from a pure <see cref="Rng"/>; use one key variable per
/// dropout layer (two layers reading one key with equal shapes would drop the same units).
/// </summary>
public static class RandomKey
{
    /// <summary>The shape of a key: [4].</summary>
    public static readonly Shape Shape = new(4);

    /// <summary>A fresh key and the generator state after it.</summary>
    /// <typeparam name="T">The key's element type (float or double).</typeparam>
    /// <param name="rng">The generator state to draw from.</param>
    /// <returns>The key and the state to draw the next one from.</returns>
    public static (Tensor<T> Key, Rng Next) Draw<T>(Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (bits, next) = rng.NextBits();
        return (Of<T>(bits), next);
    }

    /// <summary>The key holding these 64 bits.</summary>
    /// <typeparam name="T">The key's element type (float or double).</typeparam>
    /// <param name="bits">The bits, stored as four 16-bit chunks, lowest first.</param>
    /// <returns>A [4] tensor of integers in [0, 65535].</returns>
    public static Tensor<T> Of<T>(ulong bits) where T : unmanaged, IFloatingPointIeee754<T> =>
        Tensor.FromArray<T>(Shape, [.. Enumerable.Range(0, 4).Select(i => T.CreateChecked((bits >> (16 * i)) & 0xFFFF))]);

    /// <summary>The 64 bits a key holds: the inverse of <see cref="Of{T}"/>.</summary>
    /// <typeparam name="T">The key's element type.</typeparam>
    /// <param name="key">A key made by <see cref="Draw{T}"/> or <see cref="Of{T}"/>.</param>
    /// <returns>The bits.</returns>
    /// <exception cref="ShapeException"><paramref name="key"/> is not of shape [4].</exception>
    /// <exception cref="ArgumentException">A chunk is not an integer in [0, 65535].</exception>
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
    /// <param name="name">The variable's name: one per dropout layer.</param>
    /// <returns>A variable of shape <see cref="RandomKey.Shape"/>.</returns>
    public static Variable KeyVariable(string name) => new(name, RandomKey.Shape);

    /// <summary>
    /// Inverted dropout: in training, each element is zeroed with probability p and the rest scaled by 1/(1 − p),
    /// the mask drawn from <paramref name="key"/> (a bound key variable, so every call can draw a new mask); in
    /// evaluation, the identity.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="p">The probability of dropping an element, in [0, 1).</param>
    /// <param name="training">True to drop; false for evaluation, where <paramref name="x"/> is returned as it is.</param>
    /// <param name="key">The random key, usually a <see cref="KeyVariable"/>.</param>
    /// <returns>A node of <paramref name="x"/>'s shape (<paramref name="x"/> itself in evaluation or for p = 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="p"/> is outside [0, 1).</exception>
    /// <exception cref="ShapeException"><paramref name="key"/> is not of shape [4] (in training).</exception>
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
    /// <param name="x">The input.</param>
    /// <param name="p">The probability of dropping an element, in [0, 1).</param>
    /// <param name="training">True to drop; false for evaluation, which scales by 1 − <paramref name="p"/>.</param>
    /// <param name="key">The random key, usually a <see cref="KeyVariable"/>.</param>
    /// <returns>A node of <paramref name="x"/>'s shape (<paramref name="x"/> itself for p = 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="p"/> is outside [0, 1).</exception>
    /// <exception cref="ShapeException"><paramref name="key"/> is not of shape [4] (in training).</exception>
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
    /// <param name="roots">The expressions searched.</param>
    /// <returns>The key variables, each name once, in topological order.</returns>
    public static Seq<Variable> KeyVariables(params Expr[] roots) =>
        Prelude.toSeq(Graph.TopoSort([.. roots]).OfType<Apply>().Where(a => a.Op is DropoutMaskOp).Select(a => a.Inputs[1]).OfType<Variable>()
            .DistinctBy(v => v.Name)).Strict();
}
