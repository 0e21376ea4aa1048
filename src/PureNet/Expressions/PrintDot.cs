using System.Text;

namespace PureNet;

public static partial class Print
{
    /// <summary>
    /// A Graphviz digraph of the expression: one node per node of the DAG (a shared subexpression is drawn once, its
    /// users all point at it), labelled with the op's short label and the shape, inputs flowing down to the result.
    /// Hidden ops (broadcasts, reshapes) are drawn too: the drawing is where shapes are read.
    /// </summary>
    /// <param name="root">The expression to draw (its node is drawn bold).</param>
    /// <returns>The Graphviz source (<c>dot -Tpng</c> renders it).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="root"/> is null.</exception>
    public static string Dot(Expr root)
    {
        var order = Graph.TopoSort(Guard.NotNull(root, "Print.Dot"));
        var id = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
        var sb = new StringBuilder("digraph expr {\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
        foreach (var n in order)
        {
            id[n] = id.Count;
            var (label, shape) = n switch
            {
                Variable v => (v.Name, "ellipse"),
                Constant c => (c.Value.Size == 1 ? Notation.NumberText(c.Value.Span[0]) : "const", "plaintext"),
                Apply a => (a.Op.Format(a.Inputs.Map(x => x.Shape).ToArray()).Label, a.Inputs.Count == 0 ? "plaintext" : "box"),
                _ => (n.GetType().Name, "box"),
            };
            sb.Append($"  n{id[n]} [label=\"{DotText(label)}\\n{DotText(n.Shape.ToString())}\", shape={shape}");
            if (ReferenceEquals(n, root)) sb.Append(", penwidth=2");
            sb.Append("];\n");
            for (var i = 0; i < n.Inputs.Count; i++)
                sb.Append($"  n{id[n.Inputs[i]]} -> n{id[n]}{(n.Inputs.Count > 1 ? $" [label=\"{i}\"]" : "")};\n");
        }
        return sb.Append("}\n").ToString();
    }

    static string DotText(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
