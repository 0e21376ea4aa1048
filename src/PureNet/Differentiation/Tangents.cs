using LanguageExt;
using System.Collections.Immutable;
using static PureNet.Fn;

namespace PureNet;

/// <summary>
/// JVP rules for the kinds of op most are: linear, bilinear, elementwise, and any op at all through its VJP. An op's
/// <see cref="IOp.Jvp"/> names the one that fits it, beside its VJP.
/// </summary>
public static class Tangents
{
    /// <summary>A linear op (sum, reshape, slice, pad, concat, transpose…): J·t is the op applied to the tangents.</summary>
    /// <param name="y">The node whose tangent is wanted.</param>
    /// <param name="t">One tangent per input of <paramref name="y"/>, each shaped like its input (a zero fill where the input does not vary).</param>
    /// <returns>The output's tangent, shaped like <paramref name="y"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="y"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="t"/> does not hold one tangent per input.</exception>
    public static Expr Linear(Apply y, ImmutableArray<Expr> t) =>
        AllZero(Guard.NotNull(y, "jvp"), t) ? Zeros(y.Shape) : new Apply(y.Op, [.. t]);

    /// <summary>An op linear in each input on its own (a product, a matrix product): Σᵢ op(…, tᵢ, …) over the varying inputs.</summary>
    /// <param name="y">The node whose tangent is wanted.</param>
    /// <param name="t">One tangent per input of <paramref name="y"/>, each shaped like its input (a zero fill where the input does not vary).</param>
    /// <returns>The output's tangent, shaped like <paramref name="y"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="y"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="t"/> does not hold one tangent per input.</exception>
    public static Expr Bilinear(Apply y, ImmutableArray<Expr> t)
    {
        Check(Guard.NotNull(y, "jvp"), t);
        Expr sum = Zeros(y.Shape);
        for (var i = 0; i < t.Length; i++)
        {
            if (IsZero(t[i])) continue;
            var inputs = y.Inputs.ToArray();
            inputs[i] = t[i];
            sum = Add(sum, new Apply(y.Op, inputs));
        }
        return sum;
    }

    /// <summary>
    /// An elementwise op (every input shaped like the output): its Jacobian in each input is diagonal, hence its own
    /// transpose, so J·t is the sum over the varying inputs of the VJP with tᵢ as the cotangent.
    /// </summary>
    /// <param name="y">The node whose tangent is wanted.</param>
    /// <param name="t">One tangent per input of <paramref name="y"/>, each shaped like its input (a zero fill where the input does not vary).</param>
    /// <returns>The output's tangent, shaped like <paramref name="y"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="y"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="t"/> does not hold one tangent per input.</exception>
    /// <exception cref="InvalidOperationException">A varying input is not shaped like the output.</exception>
    public static Expr Diagonal(Apply y, ImmutableArray<Expr> t)
    {
        Check(Guard.NotNull(y, "jvp"), t);
        Expr sum = Zeros(y.Shape);
        for (var i = 0; i < t.Length; i++)
        {
            if (IsZero(t[i])) continue;
            if (y.Inputs[i].Shape != y.Shape)
                throw new InvalidOperationException($"jvp: {y.Op.Name}'s input {i} has shape {y.Inputs[i].Shape}, not the output's {y.Shape}; Tangents.Diagonal is for elementwise ops.");
            sum = Add(sum, y.Op.Vjp(y, t[i])[i]);
        }
        return sum;
    }

    /// <summary>
    /// Any op with a VJP: J·t = ∂/∂u ⟨Jᵀu, t⟩, the VJP (linear in its cotangent u) differentiated once more in u. For
    /// the fused ops whose VJP is itself an op (pooling, softmax cross-entropy), so their forward rule cannot drift
    /// from their reverse one.
    /// </summary>
    /// <param name="y">The node whose tangent is wanted.</param>
    /// <param name="t">One tangent per input of <paramref name="y"/>, each shaped like its input (a zero fill where the input does not vary).</param>
    /// <returns>The output's tangent, shaped like <paramref name="y"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="y"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="t"/> does not hold one tangent per input.</exception>
    /// <exception cref="InvalidOperationException">The op's VJP is not linear in its cotangent.</exception>
    public static Expr ByTransposition(Apply y, ImmutableArray<Expr> t)
    {
        Check(Guard.NotNull(y, "jvp"), t);
        var u = Variable(Probe, y.Shape);
        var cotangents = y.Op.Vjp(y, u);
        Expr pairing = Zeros(Shape.Scalar);
        for (var i = 0; i < t.Length; i++)
            if (!IsZero(t[i])) pairing = Add(pairing, Sum(cotangents[i] * t[i]));
        return IsZero(pairing) ? Zeros(y.Shape)
            : Transposed(pairing, [u], $"jvp: the VJP of {y.Op.Name} is not linear in its cotangent, so it cannot be transposed into a JVP.")[0];
    }

    /// <summary>
    /// The gradient of <paramref name="pairing"/>, a scalar linear in the <paramref name="probes"/> (variables standing
    /// for a cotangent or tangents), in each probe: the transpose of the linear map the pairing holds. A probe left in a
    /// result means the pairing was not linear in it, which <paramref name="notLinear"/> reports.
    /// </summary>
    internal static Seq<Expr> Transposed(Expr pairing, Expr[] probes, string notLinear)
    {
        var names = probes.OfType<Variable>().Select(p => p.Name).ToHashSet();
        var result = Reverse.Vjp(pairing, Ones(Shape.Scalar), probes, simplify: false);
        if (result.Exists(c => Graph.Variables(c).Any(v => names.Contains(v.Name)))) throw new InvalidOperationException(notLinear);
        return result;
    }

    const string Probe = "⟨u⟩";

    static bool AllZero(Apply y, ImmutableArray<Expr> t)
    {
        Check(y, t);
        foreach (var x in t) if (!IsZero(x)) return false;
        return true;
    }

    static void Check(Apply y, ImmutableArray<Expr> t)
    {
        if (t.IsDefault || t.Length != y.Inputs.Count)
            throw new ArgumentException($"jvp: {y.Op.Name} takes {y.Inputs.Count} input(s) but was given {(t.IsDefault ? 0 : t.Length)} tangent(s).", nameof(t));
    }
}
