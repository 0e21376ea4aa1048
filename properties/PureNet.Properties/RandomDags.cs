using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using PureNet;
using PureNet.Testing;
using static PureNet.Fn;

namespace PureNet.Properties;

/// <summary>Random well-shaped expression DAGs built from the op catalog, with shared subexpressions and smooth, in-domain compositions.</summary>
public static class RandomDags
{
    static readonly Variable A = Variable("a", 2, 3), B = Variable("b", 3), C = Variable("c", 2, 1);

    // Each rule keeps arguments inside its op's domain (log of 1 + x², division by 1 + x², …); the choices (where) are
    // continuous or fixed, and together they give the simplifier's rules something to fire on.
    static readonly Func<Expr, Expr, Expr>[] Rules =
    [
        (x, y) => x + y,
        (x, y) => x - y,
        (x, y) => x * y,
        (x, y) => x / (1.0 + y * y),
        (x, _) => Tanh(x),
        (x, _) => Sigmoid(x),
        (x, _) => Erf(x),
        (x, _) => Exp(Tanh(x)),
        (x, _) => Log(1.0 + x * x),
        (x, _) => Sqrt(1.0 + x * x),
        (x, y) => Pow(1.0 + x * x, Tanh(y)),
        (x, _) => Mean(x, -1, keepDims: true),
        (x, _) => Sum(x, 0, keepDims: true),
        (x, y) => Where(Pattern(x.Shape), 0.5 * x, Zeros(x.Shape)) * y + Where(Pattern(x.Shape), Zeros(x.Shape), Full(x.Shape, 3.0)) * x,
        (x, _) => Sum(2.0 * (x - Mean(x, -1, keepDims: true)), -1, keepDims: true) + x,
        (x, y) => Where(Compare(x, CompareKind.NotEqual, Zeros(x.Shape)), x * y, Zeros(x.Shape)) * 0.5,
        (x, y) => LogSumExp(x, -1, keepDims: true) * y,
        (x, y) => BroadcastTo(Sum(MatMul(Reshape(Sum(x * 1.0 + Zeros(new Shape(2, 3)), 0), 1, 3), Transpose(Reshape(Sum(y * 1.0 + Zeros(new Shape(2, 3)), 0), 1, 3)))), new Shape(2, 3)) * 0.1,
    ];

    /// <summary>A fixed 0/1 mask of this shape: a choice that no input moves, so no kink for the numeric gradient.</summary>
    static Expr Pattern(Shape shape) =>
        Compare(Const(Tensor.FromArray(shape, [.. Enumerable.Range(0, shape.Size).Select(k => (double)(k % 3 == 0 ? 1 : 0))])), CompareKind.NotEqual, Zeros(shape));

    public static Gen<GradSample> Samples { get; } =
        from steps in Gen.Choose(2, 12)
        from picks in Gen.ArrayOf(Gen.Choose(0, Rules.Length - 1), steps)
        from left in Gen.ArrayOf(Gen.Choose(0, 1000), steps)
        from right in Gen.ArrayOf(Gen.Choose(0, 1000), steps)
        from extra in Gen.Choose(0, 1000)
        let f = Build(picks, left, right, extra)
        from b in Generators.Bindings((A, new Domain(-1.5, 1.5)), (B, new Domain(-1.5, 1.5)), (C, new Domain(-1.5, 1.5)))
        select new GradSample(f, b);

    static Expr Build(int[] picks, int[] left, int[] right, int extra)
    {
        var nodes = new List<Expr> { A, B, C };
        for (var i = 0; i < picks.Length; i++)
        {
            // Prefer recent nodes for depth; any node may be picked again, which makes sharing.
            var x = nodes[Math.Max(0, nodes.Count - 1 - left[i] % 4)];
            var y = nodes[right[i] % nodes.Count];
            nodes.Add(Rules[picks[i]](x, y));
        }
        return Sum(nodes[^1]) + Sum(nodes[3 + extra % (nodes.Count - 3)] * nodes[^1]);
    }
}

public class RandomDagProperties
{
    static int Cases => OpGradientProperties.Cases;

    [Fact]
    public void Symbolic_gradient_matches_numeric() => GradProperties.Verify(GradProperties.Gradient(RandomDags.Samples), Cases);

    [Fact]
    public void Compiled_value_and_grad_equals_symbolic() => GradProperties.Verify(Prop.ForAll(Arb.From(RandomDags.Samples), s =>
    {
        var vars = Graph.Variables(s.F).ToArray();
        var compiled = ValueAndGrad(s.F, vars).Invoke(s.Bindings);
        var symbolic = Grad(s.F, vars).Map(g => g.Evaluate(s.Bindings));
        return Math.Abs(compiled.Value - s.F.Evaluate(s.Bindings).Scalar) <= 1e-12 * (1 + Math.Abs(compiled.Value))
            && compiled.Grads.Zip(symbolic).ForAll(p => Close(p.Item1, p.Item2, 1e-12));
    }), Cases);

    [Fact]
    public void Float_evaluation_agrees_with_double() => GradProperties.Verify(Prop.ForAll(Arb.From(RandomDags.Samples), s =>
    {
        var d = s.F.Evaluate(s.Bindings).Scalar;
        var f = s.F.Evaluate(s.Bindings.Map(t => Tensor.Cast<double, float>(t))).Scalar;
        return (Math.Abs(f - d) <= 1e-4 * (1 + Math.Abs(d))).Label($"float {f} vs double {d}");
    }), Cases);

    [Fact]
    public void Evaluation_never_changes_its_inputs() => GradProperties.Verify(Prop.ForAll(Arb.From(RandomDags.Samples), s =>
    {
        var before = s.Bindings.Map(t => t.ToArray());
        ValueAndGrad(s.F, [.. Graph.Variables(s.F)]).Invoke(s.Bindings);
        return s.Bindings.ForAll(((string Key, Tensor<double> Value) kv) => kv.Value.ToArray().SequenceEqual(before[kv.Key]));
    }), Cases);

    [Fact]
    public void A_wrong_rule_is_caught_by_the_property()
    {
        var wrong = GradProperties.Samples(Generators.Shape(1).Select(s => new[] { s }), xs => new Apply(new TanhWithWrongRule(), Inputs(xs[0])), Domain.Any);
        Assert.ThrowsAny<Exception>(() => GradProperties.Verify(GradProperties.Gradient(wrong), Cases));
    }

    sealed record TanhWithWrongRule : PrimitiveOp
    {
        public override string Name => "bad_tanh";
        public override Shape InferShape(IReadOnlyList<Shape> s) => s[0];
        protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) => Tensor.Tanh(x[0]);
        public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * (1.0 - y)];
    }

    static bool Close(Tensor<double> a, Tensor<double> b, double tol) =>
        a.Shape == b.Shape && a.ToArray().Zip(b.ToArray()).All(p => Math.Abs(p.Item1 - p.Item2) <= tol * (1 + Math.Abs(p.Item2)));
}
