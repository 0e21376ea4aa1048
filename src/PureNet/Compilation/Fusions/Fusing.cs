using System.Collections.Immutable;

namespace PureNet;

/// <summary>
/// The plan's fusion pass: one walk in topological order, each node rebuilt on its rewritten inputs and then rewritten
/// by the first rule that fires until none does. One walk suffices because every engine rule rewrites the node it
/// matched and reads only inputs already rewritten; unlike <see cref="Simplifier"/> it neither interns nor repeats, and
/// when no rule fires it hands back the caller's own sort, so compiling an unfusable graph costs one array.
/// </summary>
static class Fusing
{
    const int MaxRewritesPerNode = 16;

    public static (ImmutableArray<Expr> Order, Dictionary<Expr, int> Slot, Expr[] Outputs) Fuse(
        ImmutableArray<Expr> order, Dictionary<Expr, int> slot, Expr[] outputs, IReadOnlyList<IRewriteRule> rules)
    {
        if (rules.Count == 0) return (order, slot, outputs);
        var now = new Expr[order.Length];
        var changed = false;
        for (var i = 0; i < order.Length; i++)
        {
            var built = Rebuilt(order[i], slot, now);
            for (var k = 0; k < MaxRewritesPerNode && built is Apply a && Simplifier.Rewritten(a, rules, "Plan.Compile") is { } next; k++) built = next;
            changed |= !ReferenceEquals(built, order[i]);
            now[i] = built;
        }
        if (!changed) return (order, slot, outputs);
        var fused = outputs.Select(o => now[slot[o]]).ToArray();
        var (fusedOrder, fusedSlot) = Graph.TopoSortIndexed(fused);
        return (fusedOrder, fusedSlot, fused);
    }

    static Expr Rebuilt(Expr node, Dictionary<Expr, int> slot, Expr[] now)
    {
        if (node is not Apply a) return node;
        Expr[]? inputs = null;                                // made only once an input has changed
        for (var k = 0; k < a.Inputs.Count; k++)
        {
            var x = now[slot[a.Inputs[k]]];
            if (inputs is null && !ReferenceEquals(x, a.Inputs[k]))
            {
                inputs = new Expr[a.Inputs.Count];
                for (var j = 0; j < k; j++) inputs[j] = a.Inputs[j];
            }
            if (inputs is not null) inputs[k] = x;
        }
        return inputs is null ? a : new Apply(a.Op, inputs);
    }
}
