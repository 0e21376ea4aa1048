using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using PureNet;
using PureNet.Testing;
using static PureNet.Fn;

namespace PureNet.Properties;

/// <summary>
/// The simplifier on random DAGs (and on their gradients, where the rules have the most to do): the value and the
/// gradient are kept, in double and float; the number of operations never grows; a second run changes nothing.
/// </summary>
public class SimplifyProperties
{
    static int Cases => OpGradientProperties.Cases;

    /// <summary>Operations a reader counts: every node but constants and the broadcasts or reshapes of a constant.</summary>
    static int Operations(Expr e) => Graph.TopoSort(e).Count(n => n is Variable || n is Apply a && !(a.Op is FillOp || a.Inputs.ForAll(x => x is Constant or Apply { Op: FillOp }) && a.Op is BroadcastToOp or ReshapeOp));

    static Gen<(GradSample Sample, Expr F)> Functions =>
        from s in RandomDags.Samples
        from which in Gen.Choose(0, 1)
        let vars = Graph.Variables(s.F).ToArray()
        select (s, which == 0 ? s.F : Grad(s.F, vars).Fold((Expr)Zeros(Shape.Scalar), (acc, g) => acc + Sum(g * g)));

    static bool Close(Tensor<double> a, Tensor<double> b, double tol) =>
        a.Shape == b.Shape && a.ToArray().Zip(b.ToArray()).All(p => Math.Abs(p.Item1 - p.Item2) <= tol * (1 + Math.Abs(p.Item2)));

    [Fact]
    public void Simplify_keeps_the_value_in_double_and_float() => GradProperties.Verify(Prop.ForAll(Arb.From(Functions), c =>
    {
        var s = Simplify(c.F);
        var floats = c.Sample.Bindings.Map(t => Tensor.Cast<double, float>(t));
        return (Close(c.F.Evaluate(c.Sample.Bindings), s.Evaluate(c.Sample.Bindings), 1e-10)
            && Math.Abs(c.F.Evaluate(floats).Scalar - s.Evaluate(floats).Scalar) <= 1e-3 * (1 + Math.Abs(c.F.Evaluate(floats).Scalar))).Label($"{c.F}\n→ {s}");
    }), Cases);

    [Fact]
    public void Simplify_keeps_the_gradient() => GradProperties.Verify(Prop.ForAll(Arb.From(Functions), c =>
    {
        var s = Simplify(c.F);
        var vars = Graph.Variables(c.Sample.F).ToArray();    // a gradient may have lost some (or all) of them
        return Grad(c.F, vars).Zip(Grad(s, vars)).ForAll(p => Close(p.Item1.Evaluate(c.Sample.Bindings), p.Item2.Evaluate(c.Sample.Bindings), 1e-9));
    }), Cases);

    [Fact]
    public void Simplify_never_adds_operations_and_is_idempotent() => GradProperties.Verify(Prop.ForAll(Arb.From(Functions), c =>
    {
        var s = Simplify(c.F);
        var again = Simplify(s);
        return (Operations(s) <= Operations(c.F) && Graph.StructurallyEqual(s, again)).Label($"{Operations(c.F)} → {Operations(s)} operations\n{s}\n{again}");
    }), Cases);
}
