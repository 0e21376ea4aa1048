using System.Text;

namespace PureNet;

/// <summary>
/// Writes a laid-out expression as text: each node's form with its inputs in their slots, parenthesised only when a
/// form binds looser than its slot asks. Walks an explicit stack, never the call stack, so a 100,000-deep chain prints.
/// </summary>
internal static class PrintText
{
    /// <summary>The definitions of the named nodes (name, text) in topological order, and the text of the top node.</summary>
    public static (IReadOnlyList<(string Name, string Text)> Lets, string Body) Write(PrintLayout layout, Func<int, string> name)
    {
        var names = new Dictionary<Expr, string>(ReferenceEqualityComparer.Instance);
        var lets = new List<(string, string)>();
        foreach (var n in layout.Named)
        {
            lets.Add((name(names.Count + 1), Emit(n, layout, names)));
            names[n] = name(names.Count + 1);
        }
        return (lets, Emit(layout.Top, layout, names));
    }

    static string Emit(Expr top, PrintLayout layout, Dictionary<Expr, string> names)
    {
        var sb = new StringBuilder();
        var stack = new Stack<object>();
        stack.Push((top, Precedence.Any));
        while (stack.TryPop(out var item))
        {
            if (item is string text) { sb.Append(text); continue; }
            var (node, min) = ((Expr, int))item;
            if (!ReferenceEquals(node, top) && names.TryGetValue(node, out var name)) { sb.Append(name); continue; }
            var form = layout.Forms[node];
            var parenthesised = form.Precedence < min;
            if (parenthesised) stack.Push(")");
            for (var k = form.Pieces.Length - 1; k >= 0; k--)
                stack.Push(form.Pieces[k] switch
                {
                    Piece.Literal l => (object)l.Text,
                    Piece.Operand o => (layout.ShownAs[PrintLayout.Input(node, o.Index)], o.Min),
                    var p => throw new InvalidOperationException($"Print: unknown piece {p}."),
                });
            if (parenthesised) stack.Push("(");
        }
        return sb.ToString();
    }
}
