using System.Collections.Immutable;
using LanguageExt;

namespace PureNet;

/// <summary>Walks over expression DAGs with explicit worklists, never recursion, so depth is bounded only by memory.</summary>
public static class Graph
{
    /// <summary>Every node reachable from the roots, each once, inputs before their users.</summary>
    /// <param name="roots">The expressions to walk from.</param>
    /// <returns>The nodes in topological order: a node's inputs come before it; variables of one name count as one node (<see cref="NodeIdentity"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="roots"/> or one of its elements is null.</exception>
    public static ImmutableArray<Expr> TopoSort(params IEnumerable<Expr> roots) => TopoSortIndexed(roots).Order;

    /// <summary>
    /// <see cref="TopoSort"/> with each node's position in the order (by <see cref="NodeIdentity"/>): the visited set
    /// of the walk is that index, so a caller that numbers the nodes needs no second table.
    /// </summary>
    internal static (ImmutableArray<Expr> Order, Dictionary<Expr, int> Index) TopoSortIndexed(IEnumerable<Expr> roots)
    {
        // Linear in the nodes and edges, allocating only the result, the stack and the index: on a graph of 10⁵
        // nodes the garbage collector's work (every node is still live) is what a walk costs beyond the loop.
        var order = ImmutableArray.CreateBuilder<Expr>();
        var index = new Dictionary<Expr, int>(NodeIdentity.Instance);
        var stack = new Stack<(Expr Node, bool Expanded)>();
        var start = Guard.NoNulls([.. Guard.NotNull(roots, "Graph.TopoSort")], "Graph.TopoSort", nameof(roots));
        for (var r = start.Length - 1; r >= 0; r--) stack.Push((start[r], false));
        while (stack.TryPop(out var top))
        {
            if (index.ContainsKey(top.Node)) continue;
            if (top.Expanded) { index.Add(top.Node, order.Count); order.Add(top.Node); continue; }
            stack.Push((top.Node, true));
            var inputs = top.Node.Inputs;
            for (var k = inputs.Count - 1; k >= 0; k--)
                if (!index.ContainsKey(inputs[k])) stack.Push((inputs[k], false));
        }
        return (order.DrainToImmutable(), index);
    }

    /// <summary>The variables an expression reads, in first-use order.</summary>
    /// <param name="roots">The expressions to walk from.</param>
    /// <returns>Each variable name once, in the order <see cref="TopoSort"/> reaches them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="roots"/> or one of its elements is null.</exception>
    public static ImmutableArray<Variable> Variables(params IEnumerable<Expr> roots) =>
        [.. TopoSort(roots).OfType<Variable>()];

    /// <summary>
    /// The union of the roots' variables (name → shape), merging the smaller map into the larger; a name used with two
    /// shapes throws a <see cref="ShapeException"/> naming <paramref name="where"/>, the variable and both shapes.
    /// </summary>
    internal static ImmutableDictionary<string, Shape> MergeVariables(string where, IEnumerable<Expr> roots)
    {
        var merged = ImmutableDictionary<string, Shape>.Empty;
        foreach (var x in roots) merged = Merge(where, merged, x.VariableShapes);
        return merged;
    }

    /// <summary><see cref="MergeVariables(string, IEnumerable{Expr})"/> over an op's inputs, without an enumerator per node.</summary>
    internal static ImmutableDictionary<string, Shape> MergeInputs(string where, Seq<Expr> inputs)
    {
        var merged = ImmutableDictionary<string, Shape>.Empty;
        for (var k = 0; k < inputs.Count; k++) merged = Merge(where, merged, inputs[k].VariableShapes);
        return merged;
    }

    static ImmutableDictionary<string, Shape> Merge(string where, ImmutableDictionary<string, Shape> merged, ImmutableDictionary<string, Shape> next)
    {
        if (ReferenceEquals(merged, next) || next.Count == 0) return merged;
        var (large, small) = merged.Count >= next.Count ? (merged, next) : (next, merged);
        foreach (var (name, shape) in small)
        {
            if (!large.TryGetValue(name, out var other)) large = large.Add(name, shape);
            else if (other != shape)
                throw new ShapeException($"{where}: variable '{name}' is used with shapes {other} and {shape}; a variable is its name, so one name has one shape.");
        }
        return large;
    }

    /// <summary>
    /// True when two expressions have the same structure: the same ops (by value, attributes included), constants,
    /// variables and shapes, node by node. Sharing is not compared; the walk is iterative and visits each pair once.
    /// </summary>
    /// <param name="a">The first expression.</param>
    /// <param name="b">The second expression.</param>
    /// <returns>True when the two trees they unfold to are equal.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    public static bool StructurallyEqual(Expr a, Expr b)
    {
        Guard.NotNull(a, "Graph.StructurallyEqual");
        Guard.NotNull(b, "Graph.StructurallyEqual");
        var seen = new System.Collections.Generic.HashSet<(Expr, Expr)>(PairComparer.Instance);
        var work = new Stack<(Expr, Expr)>([(a, b)]);
        while (work.TryPop(out var pair))
        {
            var (x, y) = pair;
            if (ReferenceEquals(x, y) || !seen.Add(pair)) continue;
            if (x.StructuralHash != y.StructuralHash || x.Shape != y.Shape) return false;
            var same = (x, y) switch
            {
                (Variable u, Variable v) => u.Name == v.Name,
                (Constant u, Constant v) => u.Value.Equals(v.Value),
                (Apply u, Apply v) => u.Op.Equals(v.Op) && u.Inputs.Count == v.Inputs.Count,
                _ => false,
            };
            if (!same) return false;
            foreach (var (xi, yi) in x.Inputs.Zip(y.Inputs)) work.Push((xi, yi));
        }
        return true;
    }

    sealed class PairComparer : IEqualityComparer<(Expr, Expr)>
    {
        public static readonly PairComparer Instance = new();
        public bool Equals((Expr, Expr) p, (Expr, Expr) q) => ReferenceEquals(p.Item1, q.Item1) && ReferenceEquals(p.Item2, q.Item2);
        public int GetHashCode((Expr, Expr) p) => HashCode.Combine(p.Item1.GetHashCode(), p.Item2.GetHashCode());
    }
}
