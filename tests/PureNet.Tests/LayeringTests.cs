using System.Text.RegularExpressions;

namespace PureNet.Tests;

/// <summary>
/// The layers of src/PureNet, read from the source: Tensors and Kernels (values and the loops over them) name nothing
/// of the layers above (expressions, ops, plans, differentiation, Nn), so eager math can never depend on a graph.
/// </summary>
public partial class LayeringTests
{
    [GeneratedRegex(@"\b(Expr|Apply|Variable|Constant|Fn|Plan|Losses|Activations|Simplifier|Tangents|Graph|Notation|PrimitiveOp|IOp)\b|\b[A-Z][A-Za-z]*Op\b")]
    private static partial Regex UpperLayerName();

    public static TheoryData<string> Lower() => ["Tensors", "Kernels"];

    [Theory, MemberData(nameof(Lower))]
    public void A_lower_layer_names_nothing_above_it(string folder)
    {
        var dir = Path.Combine(ReadmeRegion.RepositoryRoot(), "src", "PureNet", folder);
        var hits = Directory.GetFiles(dir, "*.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Where(x => UpperLayerName().IsMatch(Regex.Replace(x.line, "\"[^\"]*\"", "")))     // names in strings are messages
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}");
        Assert.Empty(hits);
    }
}
