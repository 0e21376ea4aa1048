using PureNet;
using PureNet.Testing;

namespace PureNet.Properties;

/// <summary>For every primitive op: the symbolic gradient equals central differences (Richardson, double) within 1e-6.</summary>
public class OpGradientProperties
{
    /// <summary>Cases per property; raise with PURENET_PROPERTY_CASES.</summary>
    public static int Cases => int.TryParse(Environment.GetEnvironmentVariable("PURENET_PROPERTY_CASES"), out var n) && n > 0 ? n : 100;

    public static TheoryData<string> Names() => [.. OpCatalog.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Symbolic_gradient_matches_numeric(string name) =>
        GradProperties.Verify(GradProperties.Gradient(OpCatalog.All.Single(c => c.Name == name).Samples), Cases);

    [Fact]
    public void Every_op_in_the_library_has_a_gradient_property()
    {
        var covered = OpCatalog.All.SelectMany(c => c.Ops).ToHashSet();
        var ops = typeof(IOp).Assembly.GetTypes().Where(t => typeof(IOp).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false, IsVisible: true });
        Assert.Empty(ops.Where(t => !covered.Contains(t)).Select(t => t.Name));
    }
}

/// <summary>
/// Every op of the catalog prints in the three forms, and so do its gradient and its JVP: infix without attribute
/// dumps, LaTeX with balanced groups, a DOT graph with one edge per input of every drawn node.
/// </summary>
public class OpPrintingProperties
{
    static bool Balanced(string latex)
    {
        var depth = 0;
        foreach (var ch in latex.Replace(@"\{", "").Replace(@"\}", ""))
        {
            depth += ch == '{' ? 1 : ch == '}' ? -1 : 0;
            if (depth < 0) return false;
        }
        return depth == 0;
    }

    static bool Prints(Expr e) =>
        Print.Infix(e) is { Length: > 0 } text && !text.Contains("[Kind=") && !text.Contains("=True") && !text.Contains("=False")
        && Balanced(Print.Latex(e)) && Print.Dot(e) is var dot && dot.StartsWith("digraph", StringComparison.Ordinal) && dot.TrimEnd().EndsWith('}');

    [Theory]
    [MemberData(nameof(OpGradientProperties.Names), MemberType = typeof(OpGradientProperties))]
    public void Every_op_its_gradient_and_its_jvp_print_in_three_forms(string name) =>
        GradProperties.Verify(FsCheck.Fluent.Prop.ForAll(FsCheck.Fluent.Arb.From(OpCatalog.All.Single(c => c.Name == name).Samples), s =>
        {
            var xs = Graph.Variables(s.F).Where(x => s.Wrt.Length == 0 || s.Wrt.Contains(x.Name)).ToArray();
            var f = Fn.Sum(s.F);
            return Prints(s.F) && (xs.Length == 0 || Prints(Fn.Grad(f, xs[0])) && Prints(Fn.Jvp(f, xs[0], xs[0])));
        }), 20);
}
