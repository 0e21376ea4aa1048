using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// Identity on class labels that throws <see cref="ArgumentException"/> at evaluation unless every label is a whole number
/// in [0, <paramref name="Classes"/>). Labels carry no gradient.
/// </summary>
/// <param name="Classes">The number of classes, ≥ 1.</param>
public sealed record CheckLabelsOp(int Classes) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "check_labels";
    /// <summary>An identity at every valid input, so the text shows the labels themselves.</summary>
    /// <param name="inputs">The labels' shape.</param>
    /// <returns>The op's notation.</returns>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Transparent(Name);
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) =>
        Classes >= 1 ? ShapeRules.Same(Name, s, 1) : throw new ArgumentException($"{Name}: classes {Classes} must be ≥ 1.", nameof(Classes));
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate)
    {
        SoftmaxCrossEntropyKernel.CheckLabels(x[0].Span, Classes, Name);
        return x[0];
    }
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.Zeros(y.Shape);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.ZerosLike(g)];
}

public static partial class Fn
{
    /// <summary>The labels themselves, checked when evaluated to be whole numbers in [0, <paramref name="classes"/>) (<see cref="CheckLabelsOp"/>).</summary>
    /// <param name="labels">Class indices stored as values.</param>
    /// <param name="classes">The number of classes, ≥ 1.</param>
    /// <returns>A node of <paramref name="labels"/>' shape with no gradient.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="labels"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="classes"/> is below 1; at evaluation, a label outside the range.</exception>
    public static Expr CheckLabels(Expr labels, int classes) => Unary(new CheckLabelsOp(classes), labels);
}
