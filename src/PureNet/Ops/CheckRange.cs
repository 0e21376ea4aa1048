using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// Identity that throws at evaluation unless every element lies in [Low, High], naming the user's function and argument
/// (e.g. probabilities of a binary cross-entropy, which a clamp would otherwise hide). NaN passes, so it still reaches
/// the result as NaN. The gradient passes through unchanged.
/// </summary>
public sealed record CheckRangeOp(double Low, double High, string Function, string Argument) : PrimitiveOp
{
    public override string Name => "check_range";
    /// <summary>An identity at every valid input, so the text shows the input itself.</summary>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Transparent(Name);

    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        if (!(Low <= High)) throw new ArgumentException($"{Name}: the range [{Low}, {High}] must have Low ≤ High.", nameof(High));
        Guard.NotNull(Function, Name);
        Guard.NotNull(Argument, Name);
        return ShapeRules.Same(Name, s, 1);
    }

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

    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0];
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g];
}

public static partial class Fn
{
    /// <summary>x itself, checked when evaluated to lie in [low, high]; the error names <paramref name="function"/> and <paramref name="argument"/>.</summary>
    public static Expr CheckRange(Expr x, double low, double high, string function, string argument) =>
        Unary(new CheckRangeOp(low, high, function, argument), x);
}
