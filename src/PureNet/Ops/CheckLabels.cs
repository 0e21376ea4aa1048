using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>Identity on class labels that throws at evaluation unless every label is a whole number in [0, Classes). Labels carry no gradient.</summary>
public sealed record CheckLabelsOp(int Classes) : PrimitiveOp
{
    public override string Name => "check_labels";
    /// <summary>An identity at every valid input, so the text shows the labels themselves.</summary>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Transparent(Name);
    public override Shape InferShape(IReadOnlyList<Shape> s) =>
        Classes >= 1 ? ShapeRules.Same(Name, s, 1) : throw new ArgumentException($"{Name}: classes {Classes} must be ≥ 1.", nameof(Classes));
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate)
    {
        SoftmaxCrossEntropyKernel.CheckLabels(x[0].Span, Classes, Name);
        return x[0];
    }
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.Zeros(y.Shape);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.ZerosLike(g)];
}

public static partial class Fn
{
    public static Expr CheckLabels(Expr labels, int classes) => Unary(new CheckLabelsOp(classes), labels);
}
