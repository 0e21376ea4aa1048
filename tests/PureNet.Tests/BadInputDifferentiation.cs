using FsCheck.Fluent;
using PureNet;
using static PureNet.Fn;
using static PureNet.Tests.BadInput;

namespace PureNet.Tests;

/// <summary>Adversarial calls on Differentiation: GradCheck, its options, Numeric; and GradCheck failing on non-finite gradients.</summary>
public class BadInputDifferentiation
{
    static readonly Variable W = Variable("w", 2);
    static readonly Expr F = Sum(W * W);
    static readonly (string, Tensor<double>) At = ("w", Tensor.FromArray(1.0, 2.0));
    static void Check(GradCheckOptions o) => GradCheck.Check(F, Bind(At), o);
    static readonly Func<double, double> Square = x => x * x;

    public static readonly BadCase[] Cases =
    [
        Null("GradCheck of null", () => GradCheck.Check(null!, At), "GradCheck", "f"),
        Arg("GradCheck tolerance 0", () => Check(new(Tolerance: 0)), "GradCheck", "tolerance 0", "> 0"),
        Arg("GradCheck NaN tolerance", () => Check(new(Tolerance: double.NaN)), "GradCheck", "tolerance NaN"),
        Arg("GradCheck negative step", () => Check(new(Step: -1)), "GradCheck", "step -1", "> 0"),
        Arg("GradCheck infinite step", () => Check(new(Step: double.PositiveInfinity)), "GradCheck", "step", "finite"),
        Arg("GradCheck no projections", () => Check(new(Mode: GradCheckMode.Fast, Projections: 0)), "GradCheck", "projections 0", "≥ 1"),
        Arg("GradCheck negative floor", () => Check(new(Floor: -1)), "GradCheck", "floor -1", "≥ 0"),
        Arg("GradCheck NaN floor", () => Check(new(Floor: double.NaN)), "GradCheck", "floor NaN"),
        Arg("GradCheck unknown mode", () => Check(new(Mode: (GradCheckMode)5)), "GradCheck", "mode 5", "Full, Fast"),
        Arg("GradCheck unknown stencil", () => Check(new(Stencil: (Stencil)9)), "GradCheck", "stencil 9", "Richardson"),
        Arg("GradCheck of an unknown variable", () => GradCheck.Check(F, Bind(At), null, "z"), "GradCheck", "'z'", "its variables: [w]"),
        Null("GradCheck of a null variable name", () => GradCheck.Check(F, Bind(At), null, [null!]), "GradCheck", "wrt[0]"),
        Arg("GradCheck with an unbound variable", () => GradCheck.Check(F + Sum(Variable("v", 2))), "Evaluate", "'w'", "not bound"),
        Arg("GradCheck with a binding of the wrong shape", () => GradCheck.Check(F, ("w", Tensor.FromArray(1.0, 2, 3))), "Evaluate", "'w'", "[2]", "[3]"),
        Null("Numeric.Central of null", () => Numeric.Central(null!, 1, 1e-3), "Numeric.Central", "f"),
        Arg("Numeric.Central h 0", () => Numeric.Central(Square, 1, 0), "Numeric.Central", "h 0", "> 0"),
        Arg("Numeric.Forward NaN h", () => Numeric.Forward(Square, 1, double.NaN), "Numeric.Forward", "h NaN"),
        Arg("Numeric.Richardson negative h", () => Numeric.Richardson(Square, 1, -1), "Numeric.Richardson", "h -1"),
        Arg("Numeric.Derivative unknown stencil", () => Numeric.Derivative(Square, 1, (Stencil)7), "Numeric.Derivative", "stencil 7", "Forward, Central, Richardson"),
        Arg("Numeric.Derivative step 0", () => Numeric.Derivative(Square, 1, Stencil.Central, 0), "Numeric.Derivative", "step 0"),
        Arg("Numeric.Step epsilon 0", () => Numeric.Step(Stencil.Central, 0), "Numeric.Step", "epsilon 0", "> 0"),
        Arg("Numeric.Step unknown stencil", () => Numeric.Step((Stencil)3, 1e-16), "Numeric.Step", "stencil 3"),
        Arg("RelativeError negative floor", () => Numeric.RelativeError(1, 2, -1), "RelativeError", "floor -1", "≥ 0"),
        Null("Numeric.Gradient of null f", () => Numeric.Gradient(null!, Tensor.FromArray(1.0)), "Numeric.Gradient", "f"),
        Null("Numeric.Gradient at null", () => Numeric.Gradient(t => t.Scalar, null!), "Numeric.Gradient", "x"),
        Arg("Testing domain reversed", () => PureNet.Testing.Generators.Values(new Shape(2), new PureNet.Testing.Domain(1, -1)), "Generators.Values", "[1, -1]", "Low ≤ High"),
        Arg("Testing domain NaN gap", () => PureNet.Testing.Generators.Values(new Shape(2), new PureNet.Testing.Domain(-1, 1, double.NaN)), "Generators.Values", "gap NaN"),
        Arg("Testing values of an open shape", () => PureNet.Testing.Generators.Values(new Shape(Dim.Batch), PureNet.Testing.Domain.Any), "Generators.Values", "[Batch]", "concrete"),
        Null("Testing values of a null shape", () => PureNet.Testing.Generators.Values(null!, PureNet.Testing.Domain.Any), "Generators.Values", "shape"),
        Arg("Testing shapes of reversed ranks", () => PureNet.Testing.Generators.Shape(3, 1), "Generators.Shape", "[3, 1]", "minRank ≤ maxRank"),
        Arg("Testing shapes of no size", () => PureNet.Testing.Generators.Shape(1, 2, 0), "Generators.Shape", "maxDim 0", "≥ 1"),
        Arg("Testing samples without domains", () => PureNet.Testing.GradProperties.Samples(PureNet.Testing.Generators.Shape(1, 1).Select(s => new[] { s }), xs => xs[0]), "GradProperties.Samples", "at least one domain"),
        Null("Testing gradient of null samples", () => PureNet.Testing.GradProperties.Gradient(null!), "GradProperties.Gradient", "samples"),
        ShapeErr("Grad of a vector", () => Grad(W * W, W), "grad", "[2]", "scalar"),
    ];

    public static TheoryData<string> Names() => BadInput.Names(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public void Refused_with_a_message_naming_the_call(string name) => Run(Cases, name);

    [Fact]
    public void A_non_finite_value_is_the_worst_relative_error()
    {
        Assert.Equal(double.PositiveInfinity, Numeric.RelativeError(double.PositiveInfinity, 1));
        Assert.Equal(double.PositiveInfinity, Numeric.RelativeError(double.PositiveInfinity, double.PositiveInfinity));
        Assert.Equal(double.PositiveInfinity, Numeric.RelativeError(1, double.NaN));
        Assert.Equal(0, Numeric.RelativeError(2, 2));
    }

    [Fact]
    public void GradCheck_fails_on_a_NaN_gradient_after_passing_elements()
    {
        // 0·√|w|: its value is 0 everywhere (numeric derivative 0), but the symbolic rule gives 0·∞·sign(0) = NaN at w = 0.
        // The first element passes exactly; the NaN at the second must still fail the check.
        var f = Sum(W * W) + Sum(Sqrt(Abs(W)) * Const(Tensor.Scalar(0.0)));
        var result = GradCheck.Check(f, ("w", Tensor.FromArray(1.0, 0.0)));
        Assert.False(result.Passed, result.ToString());
        Assert.Contains("index [1]", result.Where);
        Assert.Throws<GradCheckException>(() => GradCheck.Assert(f, ("w", Tensor.FromArray(1.0, 0.0))));
        Assert.True(GradCheck.Check(F, At).Passed);   // a correct gradient still passes
    }

    [Fact]
    public void GradCheck_fails_on_an_infinite_gradient_against_a_finite_numeric_one()
    {
        // √w at w = 0 with forward differences: the symbolic derivative is +∞, the numeric one (√h − 0)/h = 1000 is finite.
        // |∞ − 1000| / ∞ is NaN; it must rank as the worst error, not hide behind the passing element at w = 4.
        var options = new GradCheckOptions(Stencil: Stencil.Forward, Step: 1e-6, Tolerance: 1e-2);
        var result = GradCheck.Check(Sum(Sqrt(W)), Bind(("w", Tensor.FromArray(4.0, 0.0))), options);
        Assert.False(result.Passed, result.ToString());
        Assert.Equal(double.PositiveInfinity, result.Error);
        Assert.Equal(double.PositiveInfinity, result.Analytic);
        Assert.Contains("index [1]", result.Where);
    }

    [Fact]
    public void Fast_mode_fails_on_a_NaN_gradient_too()
    {
        var f = Sum(W * W) + Sum(Sqrt(Abs(W)) * Const(Tensor.Scalar(0.0)));
        Assert.False(GradCheck.Check(f, Bind(("w", Tensor.FromArray(1.0, 0.0))), new(Mode: GradCheckMode.Fast)).Passed);
    }
}
