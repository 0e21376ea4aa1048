using System.Globalization;
using System.Text;

namespace PureNet;

/// <summary>
/// Prints expressions as infix text. A non-leaf node used more than once is bound once by <c>let tK = …</c>, so a DAG
/// prints in size linear in its node count. The emitter walks an explicit stack, never the call stack.
/// </summary>
public static class Print
{
    public static string Infix(Expr root)
    {
        var order = Graph.TopoSort(Guard.NotNull(root, "Print.Infix"));
        var uses = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
        foreach (var n in order) foreach (var x in n.Inputs) uses[x] = uses.GetValueOrDefault(x) + 1;
        var names = new Dictionary<Expr, string>(ReferenceEqualityComparer.Instance);
        var sb = new StringBuilder();
        foreach (var n in order)
            if (n is Apply && !ReferenceEquals(n, root) && uses.GetValueOrDefault(n) > 1)
            {
                var name = $"t{names.Count + 1}";
                sb.Append("let ").Append(name).Append(" = ");
                Emit(n, names, sb);
                sb.Append('\n');
                names[n] = name;
            }
        Emit(root, names, sb);
        return sb.ToString();
    }

    static void Emit(Expr top, Dictionary<Expr, string> names, StringBuilder sb)
    {
        var stack = new Stack<object>([top]);
        while (stack.TryPop(out var item))
        {
            if (item is string text) { sb.Append(text); continue; }
            var node = (Expr)item;
            if (!ReferenceEquals(node, top) && names.TryGetValue(node, out var name)) { sb.Append(name); continue; }
            foreach (var part in Parts(node).Reverse()) stack.Push(part);
        }
    }

    /// <summary>A node's text as literal strings and child nodes, left to right.</summary>
    static IEnumerable<object> Parts(Expr node) => node switch
    {
        Variable v => [v.Name],
        Constant c => [c.Value.Size == 1 ? Number(c.Value.Span[0]) : $"const{c.Value.Shape}"],
        Apply { Op: FillOp f } => [f.Shape.Rank == 0 ? Number(f.Value) : $"full({Number(f.Value)}, {f.Shape})"],
        Apply { Op: NegOp } a => ["-", a.Inputs[0]],
        Apply a when Symbol(a.Op) is { } s => ["(", a.Inputs[0], $" {s} ", a.Inputs[1], ")"],
        Apply a => [a.Op.Name, Attributes(a.Op), "(", .. Interleave(a.Inputs), ")"],
        _ => [node.GetType().Name],
    };

    static string? Symbol(IOp op) => op switch
    {
        AddOp => "+", SubOp => "-", MulOp => "*", DivOp => "/", PowOp => "^", MatMulOp { TransposeA: false, TransposeB: false } => "@",
        _ => null,
    };

    /// <summary>An op's attributes as [a=…, b=…], read from its record text.</summary>
    static string Attributes(IOp op)
    {
        var text = op.ToString() ?? "";
        var open = text.IndexOf('{');
        if (open < 0) return "";
        var inner = text[(open + 1)..].TrimEnd('}').Trim().Replace(" = ", "=");
        var attributes = string.Join(", ", inner.Split(", ").Where(a => a.Length > 0 && !a.StartsWith("Name=")));
        return attributes.Length == 0 ? "" : "[" + attributes + "]";
    }

    static IEnumerable<object> Interleave(IEnumerable<Expr> xs)
    {
        var first = true;
        foreach (var x in xs)
        {
            if (!first) yield return ", ";
            first = false;
            yield return x;
        }
    }

    static string Number(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
