using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>A variable is its name: in evaluation, differentiation, compiled gradients and layers.</summary>
public class VariableIdentityTests
{
    static readonly Tensor<double> W = Tensor.FromArray(0.5, -1.5, 2.0);

    [Fact]
    public void Two_nodes_with_one_name_are_one_variable_in_every_transformation()
    {
        var (w1, w2) = (Variable("w", 3), Variable("w", 3));
        var f = Sum(w1 * w2);                                    // Σ w², built from two objects
        var twice = W * 2.0;
        Assert.Equal(Tensor.Sum(W * W).Scalar, f.Evaluate(("w", W)).Scalar, 12);
        Assert.Equal(twice, Grad(f, w1).Evaluate(("w", W)));
        Assert.Equal(twice, Grad(f, Variable("w", 3)).Evaluate(("w", W)));   // a third object of the same name
        Assert.Equal(twice, ValueAndGrad(f, w2).Invoke(("w", W))["w"]);
        Assert.Equal(twice, Reverse.Vjp(f, Scalar(1), Inputs(w1))[0].Evaluate(("w", W)));
        GradCheck.Assert(f, ("w", W));
    }

    [Fact]
    public void One_name_with_two_shapes_is_refused_when_the_graph_is_built()
    {
        var ex = Assert.Throws<ShapeException>(() => Sum(Variable("w", 3)) + Sum(Variable("w", 2, 2)));
        Assert.Contains("'w'", ex.Message);
        Assert.Contains("[3]", ex.Message);
        Assert.Contains("[2, 2]", ex.Message);
        var two = Assert.Throws<ShapeException>(() => Plan.Compile(Variable("v", 1), Variable("v", 2)));
        Assert.Contains("'v'", two.Message);
        var grad = Assert.Throws<ShapeException>(() => Grad(Sum(Variable("u", 3)), Variable("u", 4)));
        Assert.Contains("[4]", grad.Message);
    }

    sealed record ForgetfulOp(int Inputs) : PrimitiveOp
    {
        public override string Name => "forgetful";
        public override Shape InferShape(IReadOnlyList<Shape> s) => s[0];
        protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) => x[0];
        public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => Inputs == 0 ? [] : [g, g];
    }

    [Fact]
    public void A_rule_with_the_wrong_number_of_cotangents_is_an_error_not_a_zero_gradient()
    {
        var w = Variable("w", 3);
        foreach (var op in new[] { new ForgetfulOp(0), new ForgetfulOp(2) })
        {
            var ex = Assert.Throws<InvalidOperationException>(() => Grad(Sum(new Apply(op, Inputs(w))), w));
            Assert.Contains("forgetful", ex.Message);
            Assert.Contains("for 1 input(s)", ex.Message);
        }
    }

    [Fact]
    public void Layer_parameters_follow_the_record_after_with()
    {
        var l1 = new Dense("l1", 4, 3);
        var l2 = l1 with { Name = "l2" };
        Assert.Equal(["l2.W", "l2.b"], l2.Parameters.Map(v => v.Name).ToArray());
        Assert.Equal(new Shape(4, 5), (l1 with { Out = 5 }).W.Shape);
        var conv = new Conv2D("c", 1, 2, Kernel: 3) with { Kernel = 5 };
        Assert.Equal(new Shape(2, 1, 5, 5), conv.W.Shape);
        Assert.Equal(new Shape(7, 7), (new RnnCell("r", 2, 3) with { Hidden = 7 }).Wh.Shape);
        Assert.Equal("bn2.gamma", (new BatchNorm("bn", 4) with { Name = "bn2" }).Gamma.Name);
        var both = l1.Apply(Variable("x", Dim.Batch, 4)) + l2.Apply(Variable("x", Dim.Batch, 4));
        Assert.Equal(["l1.W", "l1.b", "l2.W", "l2.b", "x"], Graph.Variables(both).Select(v => v.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Layer_hyperparameters_are_checked_on_construction_and_on_with()
    {
        Assert.Contains("Dense 'd': In 0", Assert.Throws<ArgumentException>(() => new Dense("d", 0, 3)).Message);
        Assert.Contains("Out -1", Assert.Throws<ArgumentException>(() => new Dense("d", 2, 3) with { Out = -1 }).Message);
        Assert.Contains("Name", Assert.Throws<ArgumentException>(() => new Dense(" ", 2, 3)).Message);
        Assert.Contains("Kernel 0", Assert.Throws<ArgumentException>(() => new Conv2D("c", 1, 2, 3) with { Kernel = 0 }).Message);
        Assert.Contains("Eps", Assert.Throws<ArgumentException>(() => new BatchNorm("bn", 2) with { Eps = double.NaN }).Message);
        Assert.Contains("Momentum", Assert.Throws<ArgumentException>(() => new BatchNorm("bn", 2, Momentum: 1.5)).Message);
    }

    [Fact]
    public void Value_and_grad_returns_gradients_by_name_and_aux_outputs_from_one_plan()
    {
        var w = Variable("w", 3);
        var x = Variable("x", Dim.Batch, 3);
        var logits = x * w;
        var loss = Mean(Square(logits));
        var step = ValueAndGrad(loss, [w], aux: [logits, Sum(w)]);
        var xs = Tensor.FromRows([1.0, 2.0, 3.0], [0.5, 0.0, -1.0]);
        var r = step.Invoke(("w", W), ("x", xs));
        Assert.Equal(logits.Evaluate(("w", W), ("x", xs)), r.Aux[0]);
        Assert.Equal(W.Span.ToArray().Sum(), r.Aux[1].Scalar, 12);
        Assert.Equal(r["w"], r.ByName["w"]);
        Assert.Equal(Grad(loss, w).Evaluate(("w", W), ("x", xs)), r.ByName["w"]);
        Assert.Contains("asked for 2 times", Assert.Throws<ArgumentException>(() => ValueAndGrad(loss, w, Variable("w", 3))).Message);
    }
}
