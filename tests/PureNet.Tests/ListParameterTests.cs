using LanguageExt;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>
/// A collection expression into a LanguageExt Seq is empty (LanguageExt 4.4.9), so public list parameters take types
/// for which <c>[a, b]</c> means what it says, and an empty list is refused where it is meaningless.
/// </summary>
public class ListParameterTests
{
    static readonly Variable W = Variable("w", 3), X = Variable("x", 3);
    static readonly Tensor<double> At = Tensor.FromArray(1.0, 2, 3);

    /// <summary>No public method or constructor of the library or PureNet.Testing takes a LanguageExt list, so none can be handed an empty one by <c>[a, b]</c>.</summary>
    [Fact]
    public void No_public_parameter_is_a_LanguageExt_list()
    {
        Type[] traps = [typeof(Seq<>), typeof(Arr<>), typeof(Lst<>)];
        var offenders =
            from asm in new[] { typeof(Expr).Assembly, typeof(PureNet.Testing.GradProperties).Assembly }
            from t in asm.GetExportedTypes()
            from m in t.GetMethods().Cast<System.Reflection.MethodBase>().Concat(t.GetConstructors())
            where m.DeclaringType == t
            from p in m.GetParameters()
            where p.ParameterType.IsGenericType && traps.Contains(p.ParameterType.GetGenericTypeDefinition())
            select $"{t.Name}.{m.Name}({p.Name})";
        Assert.Empty(offenders);
    }

    [Fact]
    public void Vjp_with_a_collection_expression_returns_one_cotangent_per_node()
    {
        var f = W * X;
        var cotangents = Reverse.Vjp(f, Ones(f.Shape), [W, X]);
        Assert.Equal(2, cotangents.Count);
        Assert.Equal(At, cotangents[0].Evaluate(("w", At), ("x", At)));
    }

    [Fact]
    public void Vjp_with_an_empty_list_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => Reverse.Vjp(Sum(W), Ones(Shape.Scalar), []));
        Assert.StartsWith("vjp: wrt is empty", ex.Message);
    }

    [Fact]
    public void EvaluateAll_with_a_collection_expression_evaluates_every_root_and_refuses_none()
    {
        var values = EvaluateAll([W + X, W * X], Bind(("w", At), ("x", At)));
        Assert.Equal([At * 2.0, At * At], values.ToArray());
        Assert.StartsWith("EvaluateAll: roots is empty", Assert.Throws<ArgumentException>(() => EvaluateAll<double>([], Bind(("w", At)))).Message);
    }

    [Fact]
    public void Apply_InferShape_and_PadSum_take_collection_expressions()
    {
        Assert.Equal(new Shape(3), new AddOp().InferShape([new Shape(3), new Shape(3)]));
        var sum = new Apply(new AddOp(), [W, X]);
        Assert.Equal(2, sum.Inputs.Count);
        Assert.Equal(At * 2.0, sum.Evaluate(("w", At), ("x", At)));
        var pads = new Apply(new PadSumOp([new Axes(0), new Axes(1)], new Shape(4)), [W, X]);
        Assert.Equal(Tensor.FromArray(1.0, 3, 5, 3), pads.Evaluate(("w", At), ("x", At)));
    }

    [Fact]
    public void A_value_and_gradient_result_built_from_lists_holds_them_and_checks_their_counts()
    {
        var r = new ValueAndGradResult<double>(1.5, [At], [W]);
        Assert.Equal(At, r[W]);
        Assert.Empty(r.Aux);
        Assert.Contains("1 gradients for 2 nodes", Assert.Throws<ArgumentException>(() => new ValueAndGradResult<double>(1.5, [At], [W, X])).Message);
    }
}
