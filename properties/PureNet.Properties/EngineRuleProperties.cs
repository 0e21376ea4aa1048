using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using PureNet;
using PureNet.Testing;
using static PureNet.Fn;

namespace PureNet.Properties;

/// <summary>
/// The engine's fusions keep what a plan computes: on random DAGs and their gradients, and on the op cases (where the
/// fused kernels' own shapes appear), a plan with <see cref="EngineRules.All"/> and one without give the same values,
/// in double and in float.
/// </summary>
public class EngineRuleProperties
{
    static int Cases => OpGradientProperties.Cases;

    /// <summary>A scalar of the sample (which may be a tensor) and its gradient in every variable, compiled together as a training step is.</summary>
    static Expr[] Step(GradSample s)
    {
        var f = Sum(s.F * s.F) + Sum(s.F);
        return [f, .. Grad(f, [.. Graph.Variables(f)])];
    }

    static bool SameRun<T>(Expr[] roots, HashMap<string, Tensor<T>> bindings, double tol) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var fused = Plan.Compile(roots).Run(bindings);
        var plain = Plan.Compile(roots, PlanOptions.Default.Unfused).Run(bindings);
        return fused.Zip(plain).ForAll(p => p.Item1.Shape == p.Item2.Shape
            && p.Item1.ToArray().Zip(p.Item2.ToArray()).All(q => Math.Abs(double.CreateChecked(q.Item1) - double.CreateChecked(q.Item2)) <= tol * (1 + Math.Abs(double.CreateChecked(q.Item2)))));
    }

    static Property Preserved(Gen<GradSample> samples) => Prop.ForAll(Arb.From(samples), s =>
        SameRun(Step(s), s.Bindings, 1e-12) && SameRun(Step(s), s.Bindings.Map(t => Tensor.Cast<double, float>(t)), 1e-4));

    [Fact]
    public void Fusions_keep_the_value_and_gradient_of_random_dags() => GradProperties.Verify(Preserved(RandomDags.Samples), Cases);

    static readonly Type[] Fusable = [typeof(MatMulOp), typeof(MatMulSumOp), typeof(ReluOp), typeof(BiasActivationOp), typeof(MaxPoolGradOp), typeof(TanhOp), typeof(SigmoidOp)];

    public static TheoryData<string> FusedCases() => [.. OpCatalog.All.Where(c => c.Ops.Intersect(Fusable).Any()).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(FusedCases))]
    public void Fusions_keep_the_value_and_gradient_of_the_ops_they_fuse(string name) =>
        GradProperties.Verify(Preserved(OpCatalog.All.Single(c => c.Name == name).Samples), Cases);
}
