using System.Collections.Immutable;
using FsCheck.Fluent;
using PureNet;
using PureNet.Testing;
using static PureNet.Fn;

namespace PureNet.Properties;

/// <summary>
/// Forward mode for every op of the catalog and for random DAGs (<see cref="GradProperties.Jvp"/>,
/// <see cref="GradProperties.JvpTransposesVjp"/>): JVP = VJP = central differences, and forward over reverse is the
/// transpose of reverse over reverse.
/// </summary>
public class ForwardModeProperties
{
    static int Cases => OpGradientProperties.Cases;

    [Theory]
    [MemberData(nameof(OpGradientProperties.Names), MemberType = typeof(OpGradientProperties))]
    public void Jvp_equals_the_vjp_and_central_differences(string name) =>
        GradProperties.Verify(GradProperties.Jvp(OpCatalog.All.Single(c => c.Name == name).Samples), Cases);

    [Theory]
    [MemberData(nameof(OpGradientProperties.Names), MemberType = typeof(OpGradientProperties))]
    public void Jvp_of_the_gradient_is_the_transpose_of_its_vjp(string name) =>
        GradProperties.Verify(GradProperties.JvpTransposesVjp(OpCatalog.All.Single(c => c.Name == name).Samples), Cases);

    [Fact]
    public void On_random_dags_jvp_equals_the_vjp_and_central_differences() => GradProperties.Verify(GradProperties.Jvp(RandomDags.Samples), Cases);

    [Fact]
    public void On_random_dags_forward_over_reverse_equals_reverse_over_reverse() => GradProperties.Verify(GradProperties.JvpTransposesVjp(RandomDags.Samples), Cases);

    [Fact]
    public void A_wrong_jvp_rule_is_caught_by_the_property()
    {
        var wrong = GradProperties.Samples(Generators.Shape(1).Select(s => new[] { s }), xs => new Apply(new TanhWithWrongJvp(), Inputs(xs[0])), Domain.Any);
        Assert.ThrowsAny<Exception>(() => GradProperties.Verify(GradProperties.Jvp(wrong), Cases));
    }

    sealed record TanhWithWrongJvp : PrimitiveOp
    {
        public override string Name => "tanh_wrong_jvp";
        public override Shape InferShape(IReadOnlyList<Shape> s) => s[0];
        protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) => Tensor.Tanh(x[0]);
        public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * (1.0 - y * y)];
        public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * (1.0 - y);
    }
}
