using System.Collections.Immutable;
using System.Numerics.Tensors;
using PureNet;
using FsCheck.Fluent;
using PureNet.Testing;
using static PureNet.Fn;

namespace PureNet.Tests;

// README-BEGIN
/// <summary>y = x³; dy/dx = 3x². One record: name, printing, shape rule, kernel, VJP, JVP.</summary>
public sealed record CubeOp : PrimitiveOp
{
    public override string Name => "cube";
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);

    // How it prints: x³ in text, x^{3} in LaTeX, "cube" in a drawing (the default would be cube(x)).
    public override Notation Format(IReadOnlyList<Shape> inputs) => new(Name,
        new(Precedence.Power, Notation.Input(0, Precedence.Power + 1), "³"),
        new(Precedence.Power, Notation.Input(0, Precedence.Atom), "^{3}"));

    // Called only after Eval (or the plan) has checked the inputs and the output shape against InferShape.
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate)
    {
        var y = new T[output.Size];
        TensorPrimitives.Multiply(x[0].Span, x[0].Span, y);
        TensorPrimitives.Multiply(y, x[0].Span, y);
        return Tensor.FromArray(output, y);
    }

    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * 3.0 * y.Inputs[0] * y.Inputs[0]];
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * 3.0 * y.Inputs[0] * y.Inputs[0];

    public static Expr Of(Expr x) => Unary(new CubeOp(), x);
}
// README-END

/// <summary>The README's user-defined op, verbatim between the markers: it evaluates, differentiates and passes its gradient property.</summary>
public class ReadmeUserOpExample
{
    [Fact]
    public void A_user_op_evaluates_differentiates_and_passes_its_gradient_property()
    {
        var x = Variable("x", Dim.Batch, 3);
        var at = Tensor.FromRows(new[] { 1.0, -2, 0.5 });
        Assert.Equal(Tensor.FromRows(new[] { 1.0, -8, 0.125 }), CubeOp.Of(x).Evaluate(("x", at)));
        Assert.Equal(Tensor.FromRows(new[] { 3.0, 12, 0.75 }), Grad(Sum(CubeOp.Of(x)), x).Evaluate(("x", at)));
        Assert.Equal("sum((x + 1)³)", Sum(CubeOp.Of(x + 1.0)).ToString());
        Assert.Equal(@"\sum(x^{3})", Print.Latex(Sum(CubeOp.Of(x))));
        // README-BEGIN property
        var samples = GradProperties.Samples(Generators.Shape(1).Select(s => new[] { s }), xs => Sum(CubeOp.Of(xs[0])), Domain.Any);
        GradProperties.Verify(GradProperties.Gradient(samples), 50);
        GradProperties.Verify(GradProperties.Jvp(samples), 50);
        // README-END property
        Assert.StartsWith("cube: Eval was asked for output shape [1]", Assert.Throws<ShapeException>(() => new CubeOp().Eval<double>([at], new Shape(1))).Message);
    }
}
