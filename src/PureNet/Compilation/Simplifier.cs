using System.Runtime.CompilerServices;
using LanguageExt;

namespace PureNet;

/// <summary>
/// Rewrites an expression by named rules to a fixpoint. Each pass walks the DAG once in topological order (no
/// recursion): a node is rebuilt from its simplified inputs (the same node when none changed), hash-consed (a node equal
/// to one already seen, same op and the same input nodes, becomes that node), then the first rule whose guard holds
/// rewrites it, again until none does. Passes repeat until one changes nothing; the rules that take inputs apart
/// (<see cref="IDismantlingRule"/>) join only once the others have reached their fixpoint. Every rewrite keeps the node's shape
/// (checked) and its value (each rule's test and the random-DAG properties).
/// </summary>
public static class Simplifier
{
    const int MaxPasses = 64, MaxRewritesPerNode = 32;

    /// <summary>The expression rewritten by <see cref="RewriteRules.All"/> to a fixpoint: same value, same shape, fewer nodes.</summary>
    /// <param name="root">The expression to simplify.</param>
    /// <returns>The simplified expression (<paramref name="root"/> itself when no rule applies).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="root"/> is null.</exception>
    public static Expr Simplify(Expr root) => Simplify(root, RewriteRules.All);

    /// <summary>The expression rewritten by the given rules, tried in order at each node, to a fixpoint.</summary>
    /// <param name="root">The expression to simplify.</param>
    /// <param name="rules">The rules to run; <see cref="IDismantlingRule"/>s join once the others reach their fixpoint.</param>
    /// <returns>The simplified expression, of the same shape and value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="root"/>, <paramref name="rules"/> or one of the rules is null.</exception>
    /// <exception cref="InvalidOperationException">A rule returned a node of another shape (the message names the rule).</exception>
    public static Expr Simplify(Expr root, IReadOnlyList<IRewriteRule> rules) =>
        Simplify([Guard.NotNull(root, "Simplify")], rules)[0];

    /// <summary>Several roots simplified together, so what they share stays shared.</summary>
    internal static Seq<Expr> Simplify(Seq<Expr> roots) => Prelude.toSeq(Simplify([.. roots], RewriteRules.All)).Strict();

    static Expr[] Simplify(Expr[] roots, IReadOnlyList<IRewriteRule> rules)
    {
        Guard.NoNulls(Guard.NotNull(rules, "Simplify").ToArray(), "Simplify", nameof(rules));
        // The rules that take shared inputs apart wait until the others are done: what is shared is only known once
        // folding has cut the links a derivative keeps to its forward graph (a mean's count reads the value averaged).
        var plain = rules.Where(r => r is not IDismantlingRule).ToArray();
        return Fixpoint(plain.Length < rules.Count ? Fixpoint(roots, plain) : roots, rules);
    }

    static Expr[] Fixpoint(Expr[] roots, IReadOnlyList<IRewriteRule> rules)
    {
        var current = roots;
        for (var pass = 0; pass < MaxPasses && current.Length > 0; pass++)
        {
            var next = Pass(current, rules);
            if (next.AsSpan().SequenceEqual(current, ReferenceEqualityComparer.Instance)) return current;
            current = next;
        }
        return current;
    }

    static Expr[] Pass(Expr[] roots, IReadOnlyList<IRewriteRule> rules)
    {
        var simplified = new Dictionary<Expr, Expr>(NodeIdentity.Instance);     // as TopoSort: one name, one variable
        var interned = new Dictionary<NodeKey, Expr>();
        var order = Graph.TopoSort(roots);
        var shared = SharedNodes(order, roots);
        var sharedNow = new System.Collections.Generic.HashSet<Expr>(ReferenceEqualityComparer.Instance);   // the same, as rebuilt
        foreach (var node in order)
        {
            var built = Intern(Rebuilt(node, simplified), interned);
            for (var k = 0; k < MaxRewritesPerNode && built is Apply a && Rewritten(a, rules, "Simplify", sharedNow.Contains) is { } next; k++)
                built = Intern(next, interned);
            simplified[node] = built;
            if (shared.Contains(node)) sharedNow.Add(built);
        }
        return [.. roots.Select(r => simplified[r])];
    }

    /// <summary>
    /// What the first rule that fires makes of the node (a rule whose rewrite returns the node itself declines), or null.
    /// A dismantling rule is skipped when an input it takes apart is <paramref name="isShared"/>.
    /// </summary>
    internal static Expr? Rewritten(Apply a, IReadOnlyList<IRewriteRule> rules, string function, Func<Expr, bool>? isShared = null)
    {
        foreach (var rule in rules)
        {
            if (!rule.Matches(a) || isShared is not null && rule is IDismantlingRule d && d.Dismantles(a).Any(isShared)) continue;
            if (rule.Rewrite(a) is var next && ReferenceEquals(next, a)) continue;
            if (next.Shape != a.Shape)
                throw new InvalidOperationException($"{function}: rule '{rule.Name}' turned {a.Op.Name} of shape {a.Shape} into shape {next.Shape}; a rule must keep the shape.");
            return next;
        }
        return null;
    }

    /// <summary>Nodes used more than once in the graph (a root counts as a use).</summary>
    static System.Collections.Generic.HashSet<Expr> SharedNodes(IEnumerable<Expr> order, Expr[] roots)
    {
        var uses = new Dictionary<Expr, int>(NodeIdentity.Instance);
        void Use(Expr x) => uses[x] = uses.GetValueOrDefault(x) + 1;
        foreach (var node in order)
            if (node is Apply a) foreach (var x in a.Inputs) Use(x);
        foreach (var r in roots) Use(r);
        return new(uses.Where(u => u.Value > 1).Select(u => u.Key), NodeIdentity.Instance);
    }

    /// <summary>The node over its simplified inputs: itself when no input changed (only the changed spine is rebuilt).</summary>
    static Expr Rebuilt(Expr node, Dictionary<Expr, Expr> simplified)
    {
        if (node is not Apply a) return node;
        var inputs = a.Inputs;
        Expr[]? now = null;                                  // made only once an input has changed
        for (var k = 0; k < inputs.Count; k++)
        {
            var x = simplified[inputs[k]];
            if (now is null && !ReferenceEquals(x, inputs[k]))
            {
                now = new Expr[inputs.Count];
                for (var j = 0; j < k; j++) now[j] = inputs[j];
            }
            if (now is not null) now[k] = x;
        }
        return now is null ? a : new Apply(a.Op, now);
    }

    static Expr Intern(Expr node, Dictionary<NodeKey, Expr> interned)
    {
        var key = NodeKey.Of(node);
        if (interned.TryGetValue(key, out var same)) return same;
        interned.Add(key, node);
        return node;
    }

    /// <summary>
    /// What makes two nodes one: an op (by value) over the same input nodes, a variable's name and shape, or a constant's
    /// value. Inputs compare by reference, which is exact because they were interned first.
    /// </summary>
    readonly struct NodeKey(object head, Seq<Expr> inputs, int hash) : IEquatable<NodeKey>
    {
        readonly object head = head;
        readonly Seq<Expr> inputs = inputs;
        readonly int hash = hash;

        public static NodeKey Of(Expr e) => e switch
        {
            Variable v => new((v.Name, v.Shape), Seq<Expr>.Empty, HashCode.Combine(v.Name, v.Shape)),
            Constant c => new(c.Value, Seq<Expr>.Empty, c.StructuralHash),
            Apply a => new(a.Op, a.Inputs, InputHash(a)),
            _ => new(e, Seq<Expr>.Empty, RuntimeHelpers.GetHashCode(e)),
        };

        static int InputHash(Apply a)
        {
            var h = a.Op.GetHashCode();
            foreach (var x in a.Inputs) h = HashCode.Combine(h, RuntimeHelpers.GetHashCode(x));
            return h;
        }

        public bool Equals(NodeKey other)
        {
            if (hash != other.hash || inputs.Count != other.inputs.Count || !head.Equals(other.head)) return false;
            for (var k = 0; k < inputs.Count; k++)
                if (!ReferenceEquals(inputs[k], other.inputs[k])) return false;
            return true;
        }

        public override bool Equals(object? obj) => obj is NodeKey k && Equals(k);
        public override int GetHashCode() => hash;
    }
}

public static partial class Fn
{
    /// <summary>The expression rewritten by <see cref="RewriteRules.All"/> to a fixpoint: same value, same shape, fewer nodes.</summary>
    /// <param name="e">The expression to simplify.</param>
    /// <returns>The simplified expression (<paramref name="e"/> itself when no rule applies).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    public static Expr Simplify(Expr e) => Simplifier.Simplify(e);
}
