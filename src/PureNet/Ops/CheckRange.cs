using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// Identity that throws <see cref="ArgumentException"/> at evaluation unless every element lies in
/// [<paramref name="Low"/>, <paramref name="High"/>], naming the user's function and argument (e.g. probabilities of a
/// binary cross-entropy, which a clamp would otherwise hide). NaN passes, so it still reaches the result as NaN. The
/// gradient passes through unchanged.
/// </summary>
/// <param name="Low">The least allowed value.</param>
/// <param name="High">The greatest allowed value, ≥ <paramref name="Low"/>.</param>
/// <param name="Function">The user-facing function named in the error.</param>
/// <param name="Argument">The argument named in the error.</param>
public sealed record CheckRangeOp(double Low, double High, string Function, string Argument) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "check_range";
    /// <summary>An identity at every valid input, so the text shows the input itself.</summary>
    /// <param name="inputs">The input's shape.</param>
    /// <returns>The op's notation.</returns>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Transparent(Name);

    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        if (!(Low <= High)) throw new ArgumentException($"{Name}: the range [{Low}, {High}] must have Low ≤ High.", nameof(High));
        Guard.NotNull(Function, Name);
        Guard.NotNull(Argument, Name);
        return ShapeRules.Same(Name, s, 1);
    }

    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate)
    {
        var values = x[0].Span;
        for (var i = 0; i < values.Length; i++)
        {
            var v = double.CreateChecked(values[i]);
            if (v < Low || v > High)
                throw new ArgumentException($"{Function}: {Argument} {v} at flat index {i} is outside [{Low}, {High}].", Argument);
        }
        return x[0];
    }

    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0];
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g];
}

public static partial class Fn
{
    /// <summary>x itself, checked when evaluated to lie in [low, high] (<see cref="CheckRangeOp"/>); the error names <paramref name="function"/> and <paramref name="argument"/>.</summary>
    /// <param name="x">The input.</param>
    /// <param name="low">The least allowed value.</param>
    /// <param name="high">The greatest allowed value, ≥ <paramref name="low"/>.</param>
    /// <param name="function">The user-facing function named in the error.</param>
    /// <param name="argument">The argument named in the error.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/>, <paramref name="function"/> or <paramref name="argument"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="low"/> &gt; <paramref name="high"/> (or either is NaN); at evaluation, an element outside the range.</exception>
    public static Expr CheckRange(Expr x, double low, double high, string function, string argument) =>
        Unary(new CheckRangeOp(low, high, function, argument), x);
}
