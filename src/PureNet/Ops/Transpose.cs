using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>Permutes axes: output axis i is input axis Perm[i]; the derivative applies the inverse permutation.</summary>
/// <param name="Perm">A permutation of 0..rank − 1.</param>
public sealed record TransposeOp(Axes Perm) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "transpose";
    /// <summary>xᵀ when the last two axes swap (a matrix transpose, batched or not); other permutations as transpose_(0, 2, 1)(x).</summary>
    /// <param name="inputs">The input's shape.</param>
    /// <returns>The op's notation.</returns>
    public override Notation Format(IReadOnlyList<Shape> inputs)
    {
        var p = Perm.Items;
        return SwapsLastTwo
            ? new("ᵀ", new(Precedence.Postfix, Notation.Input(0, Precedence.Atom), "ᵀ"), new(Precedence.Postfix, Notation.Input(0, Precedence.Atom), @"^\top"))
            : new(Name, new(Precedence.Atom, $"transpose_{Perm}(", Notation.Input(0), ")"),
                new(Precedence.Atom, $@"\operatorname{{transpose}}_{{{string.Join(",", p)}}}(", Notation.Input(0), ")"));
    }
    /// <summary>True for a matrix transpose (batched or not): the last two axes swap and the others stay.</summary>
    public bool SwapsLastTwo
    {
        get
        {
            var p = Perm.Items;
            var n = p.Length;
            if (n < 2 || p[n - 2] != n - 1 || p[n - 1] != n - 2) return false;
            for (var i = 0; i < n - 2; i++) if (p[i] != i) return false;     // asked at every product a plan fuses
            return true;
        }
    }

    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        ShapeRules.Arity(Name, s, 1);
        var p = Guard.NotNull(Perm, Name).Items;
        if (p.Length != s[0].Rank || !p.Order().SequenceEqual(Enumerable.Range(0, p.Length)))
            throw new ShapeException($"{Name}: {Perm} is not a permutation of the {s[0].Rank} axes of {s[0]}.");
        return new Shape(p.Select(a => s[0][a]));
    }
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Layout.Permute(x[0], Perm.Items.AsSpan(), allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Linear(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var inverse = new int[Perm.Items.Length];
        for (var i = 0; i < inverse.Length; i++) inverse[Perm.Items[i]] = i;
        return [Fn.Permute(g, inverse)];
    }
}

public static partial class Fn
{
    /// <summary>Permutes the axes of <paramref name="x"/>: output axis i is input axis perm[i] (<see cref="TransposeOp"/>); the identity permutation returns x.</summary>
    /// <param name="x">The input.</param>
    /// <param name="perm">Each of 0..rank − 1 once.</param>
    /// <returns>A node with the permuted shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="perm"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="perm"/> is not a permutation of x's axes.</exception>
    public static Expr Permute(Expr x, params int[] perm)
    {
        Guard.NotNull(x, "permute");
        Guard.NotNull(perm, "permute");
        if (!perm.Order().SequenceEqual(Enumerable.Range(0, x.Shape.Rank)))
            throw new ShapeException($"permute: ({string.Join(", ", perm)}) is not a permutation of the {x.Shape.Rank} axes of {x.Shape}; give each of 0..{x.Shape.Rank - 1} once.");
        return perm.SequenceEqual(Enumerable.Range(0, perm.Length)) ? x : new Apply(new TransposeOp(new Axes(perm)), Inputs(x));
    }

    /// <summary>Swaps the last two axes (a matrix transpose, batched over leading axes).</summary>
    /// <param name="x">The input, of rank ≥ 2.</param>
    /// <returns>A node of shape [..., n, m] for x of shape [..., m, n].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/> has rank below 2.</exception>
    public static Expr Transpose(Expr x)
    {
        var r = Guard.NotNull(x, "transpose").Shape.Rank;
        if (r < 2) throw new ShapeException($"transpose: needs rank ≥ 2 to swap the last two axes, got {x.Shape}.");
        return Permute(x, [.. Enumerable.Range(0, r - 2), r - 1, r - 2]);
    }
}
