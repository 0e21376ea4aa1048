using System.Collections.Immutable;

namespace PureNet;

/// <summary>The form a text printer gives one node, knowing whether each of its shown inputs is a coefficient.</summary>
internal delegate Form FormOf(Expr node, Notation? notation, Func<int, bool> inputIsCoefficient);

/// <summary>
/// What a text printer writes, worked out once over the topological order (no recursion): the node each node shows
/// as (through hidden broadcasts and reshapes), each shown node's form, and which shared nodes get a <c>let</c> name —
/// those the text reaches more than once and that are more than a leaf (a name, a number, N) or a small coefficient
/// (1/N reads better inline than as a name; small means at most <see cref="InlineCoefficient"/> forms, so the text
/// stays linear in the graph's size).
/// </summary>
internal sealed record PrintLayout(
    Expr Top,
    IReadOnlyDictionary<Expr, Expr> ShownAs,
    IReadOnlyDictionary<Expr, Form> Forms,
    ImmutableArray<Expr> Named,
    string NamePrefix)
{
    public static PrintLayout Of(Expr root, FormOf formOf)
    {
        var order = Graph.TopoSort(root);
        var shownAs = new Dictionary<Expr, Expr>(ReferenceEqualityComparer.Instance);
        var forms = new Dictionary<Expr, Form>(ReferenceEqualityComparer.Instance);
        var coefficient = new Dictionary<Expr, bool>(ReferenceEqualityComparer.Instance);
        foreach (var n in order)
        {
            var notation = n is Apply a ? a.Op.Format(a.Inputs.Map(x => x.Shape).ToArray()) : null;
            if (notation is { Hidden: true } && n.Inputs.Count > 0) { shownAs[n] = shownAs[n.Inputs[0]]; continue; }
            shownAs[n] = n;
            bool InputIsCoefficient(int i) => i >= 0 && i < n.Inputs.Count && coefficient[shownAs[n.Inputs[i]]];
            var form = formOf(n, notation, InputIsCoefficient);
            forms[n] = form;
            coefficient[n] = IsOneElement(n.Shape) || n is Apply && Operands(form).All(InputIsCoefficient);
        }

        // Uses are counted where the text shows an input, so an input a form leaves out (count's x) is not printed at all.
        var top = shownAs[root];
        var uses = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
        var visible = new HashSet<Expr>(ReferenceEqualityComparer.Instance) { top };
        for (var k = order.Length - 1; k >= 0; k--)
        {
            var n = order[k];
            if (!visible.Contains(n) || !forms.TryGetValue(n, out var form)) continue;
            foreach (var i in Operands(form))
            {
                var x = shownAs[Input(n, i)];
                uses[x] = uses.GetValueOrDefault(x) + 1;
                visible.Add(x);
            }
        }
        var named = ImmutableArray.CreateBuilder<Expr>();
        var size = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);   // forms printed where the node stands
        foreach (var n in order)
        {
            if (!visible.Contains(n)) continue;
            var form = forms[n];
            var inline = 1 + Operands(form).Sum(i => size[shownAs[Input(n, i)]]);
            var name = !ReferenceEquals(n, top) && !form.IsLeaf && uses.GetValueOrDefault(n) > 1 && !(coefficient[n] && inline <= InlineCoefficient);
            if (name) named.Add(n);
            size[n] = name ? 1 : Math.Min(inline, InlineCoefficient + 1);
        }
        return new PrintLayout(top, shownAs, forms, named.ToImmutable(), Prefix(order));
    }

    /// <summary>The most forms a shared coefficient may have and still print where it is used rather than by name.</summary>
    const int InlineCoefficient = 4;

    /// <summary>Input <paramref name="i"/> of the node, or an error naming the op when a form asks for one it does not have.</summary>
    public static Expr Input(Expr node, int i) =>
        i >= 0 && i < node.Inputs.Count ? node.Inputs[i]
        : throw new InvalidOperationException($"Print: the notation of {(node as Apply)?.Op.Name ?? node.GetType().Name} shows input {i}, but the node has {node.Inputs.Count}.");

    static IEnumerable<int> Operands(Form form) => form.Pieces.OfType<Piece.Operand>().Select(p => p.Index);

    static bool IsOneElement(Shape s) => !s.HasBatch && s.Dims.All(d => d == 1);

    /// <summary>A letter for let names that no variable's name could be mistaken for (t1 beside a variable t reads badly).</summary>
    static string Prefix(ImmutableArray<Expr> order)
    {
        var variables = order.OfType<Variable>().Select(v => v.Name).ToArray();
        foreach (var letter in new[] { "t", "u", "v", "s", "q", "r", "h" })
            if (!variables.Any(v => v.StartsWith(letter, StringComparison.Ordinal))) return letter;
        return "tmp";
    }
}
