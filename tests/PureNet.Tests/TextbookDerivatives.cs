using System.Globalization;
using System.Text;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>
/// The goal of readable derivatives, measured: on <see cref="TextbookCases"/>, what <c>Grad</c> returns has at most 1.15×
/// the nodes of the hand-written formula in the median and 1.6× on any case, and at most 1.4× its printed length in the
/// median; each is numerically equal to the formula and to the unsimplified derivative. The README's table is this
/// test's output (PURENET_WRITE_README=1 rewrites it).
/// </summary>
public class TextbookDerivatives
{
    sealed record Row(string Title, int Nodes, int FormulaNodes, int Length, int FormulaLength, string Printed)
    {
        public double NodeRatio => (double)Nodes / FormulaNodes;
        public double LengthRatio => (double)Length / FormulaLength;
    }

    static readonly IReadOnlyList<Row> Rows = [.. TextbookCases.All.Select(c => new Row(c.Title,
        Graph.TopoSort(c.Grad).Length, Graph.TopoSort(c.Formula).Length, Print.Infix(c.Grad).Length, Print.Infix(c.Formula).Length, Print.Infix(c.Grad)))];

    public static TheoryData<int> Indices() => [.. Enumerable.Range(0, TextbookCases.All.Count)];

    [Theory, MemberData(nameof(Indices))]
    public void The_gradient_equals_the_hand_written_formula(int i)
    {
        var c = TextbookCases.All[i];
        var bindings = Bind([.. Graph.Variables(c.Grad, c.Formula).Select((v, k) => (v.Name, Value(v, k)))]);
        var (grad, formula) = (c.Grad.Evaluate(bindings), c.Formula.Evaluate(bindings));
        Assert.Equal(formula.Shape, grad.Shape);
        for (var k = 0; k < grad.Size; k++)
            Assert.True(Math.Abs(grad.Span[k] - formula.Span[k]) <= 1e-12 * (1 + Math.Abs(formula.Span[k])), $"{c.Title}: element {k}: Grad {grad.Span[k]} vs formula {formula.Span[k]}\n{c.Grad}\n{c.Formula}");
    }

    [Fact]
    public void Grad_is_within_the_goal_of_the_formulas_size()
    {
        var table = string.Join("\n", Rows.Select(r => $"{r.Title}: {r.NodeRatio:F2}× nodes, {r.LengthRatio:F2}× length: {r.Printed}"));
        Assert.True(Median(Rows.Select(r => r.NodeRatio)) <= 1.15, "median node ratio above 1.15\n" + table);
        Assert.True(Rows.Max(r => r.NodeRatio) <= 1.6, "a node ratio above 1.6\n" + table);
        Assert.True(Median(Rows.Select(r => r.LengthRatio)) <= 1.4, "median printed-length ratio above 1.4\n" + table);
    }

    [Fact]
    public void The_readme_shows_the_measurement() => ReadmeRegion.Check("textbook-derivatives", "tests/PureNet.Tests/TextbookDerivatives.cs", Table());

    static string Table()
    {
        var sb = new StringBuilder("| derivative | `Grad` (printed) | nodes: Grad / formula | printed length: Grad / formula |\n|---|---|---|---|\n");
        foreach (var r in Rows)
            sb.Append(CultureInfo.InvariantCulture, $"| {r.Title} | `{r.Printed.Replace("\n", "; ").Replace("|", "\\|")}` | {r.Nodes} / {r.FormulaNodes} = {r.NodeRatio:F2} | {r.Length} / {r.FormulaLength} = {r.LengthRatio:F2} |\n");
        sb.Append(CultureInfo.InvariantCulture, $"\nMedian {Median(Rows.Select(r => r.NodeRatio)):F2}× the nodes (largest {Rows.Max(r => r.NodeRatio):F2}×), median {Median(Rows.Select(r => r.LengthRatio)):F2}× the printed length.\n");
        return sb.ToString();
    }

    static double Median(IEnumerable<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    /// <summary>Values away from every kink: one-hot rows for t, labels for l, elsewhere uniform in ±[0.5, 1.5].</summary>
    static Tensor<double> Value(Variable v, int seed) => v.Name switch
    {
        "t" => Tensor.FromRows([.. Enumerable.Range(0, v.Shape[0]).Select(r => Enumerable.Range(0, v.Shape[1]).Select(c => c == (r * 3) % v.Shape[1] ? 1.0 : 0.0).ToArray())]),
        "l" => Tensor.FromArray(v.Shape, [.. Enumerable.Range(0, v.Shape[0]).Select(r => (double)(r % 3))]),
        _ => Tensor.FromArray(v.Shape, [.. Tensor.Uniform<double>(v.Shape, seed + 1, 0.5, 1.5).Span.ToArray().Select((a, k) => k % 3 == 1 ? -a : a)]),
    };
}
