using PureNet;
using PureNet.Testing;

namespace PureNet.Properties;

/// <summary>For every primitive op: the symbolic gradient equals central differences (Richardson, double) within 1e-6.</summary>
public class OpGradientProperties
{
    /// <summary>Cases per property; raise with PURENET_PROPERTY_CASES.</summary>
    public static int Cases => int.TryParse(Environment.GetEnvironmentVariable("PURENET_PROPERTY_CASES"), out var n) && n > 0 ? n : 100;

    public static TheoryData<string> Names() => [.. OpCases.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Symbolic_gradient_matches_numeric(string name) =>
        GradProperties.Verify(GradProperties.Gradient(OpCases.All.Single(c => c.Name == name).Samples), Cases);

    [Fact]
    public void Every_op_in_the_library_has_a_gradient_property()
    {
        var covered = OpCases.All.SelectMany(c => c.Ops).ToHashSet();
        var ops = typeof(IOp).Assembly.GetTypes().Where(t => typeof(IOp).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false, IsVisible: true });
        Assert.Empty(ops.Where(t => !covered.Contains(t)).Select(t => t.Name));
    }
}
