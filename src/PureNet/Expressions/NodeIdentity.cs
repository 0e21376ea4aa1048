namespace PureNet;

/// <summary>
/// How every transformation tells nodes apart: a variable is its name (two <see cref="Variable"/> objects with one
/// name are one variable, so a layer built twice shares its parameters in evaluation and differentiation alike);
/// every other node is itself (identity, since structural equality is exponential on a DAG with sharing).
/// </summary>
public sealed class NodeIdentity : IEqualityComparer<Expr>
{
    /// <summary>The one instance (the comparer holds no state).</summary>
    public static readonly NodeIdentity Instance = new();

    /// <summary>Two variables of one name are equal; any other two nodes are equal only when they are one object.</summary>
    /// <param name="a">The first node, or null.</param>
    /// <param name="b">The second node, or null.</param>
    /// <returns>True when <paramref name="a"/> and <paramref name="b"/> are one node.</returns>
    public bool Equals(Expr? a, Expr? b) => (a, b) switch
    {
        (Variable u, Variable v) => u.Name == v.Name,
        _ => ReferenceEquals(a, b),
    };

    /// <summary>A hash consistent with <see cref="Equals(Expr?, Expr?)"/>: the name's for a variable, the identity hash otherwise.</summary>
    /// <param name="x">The node.</param>
    /// <returns>The hash.</returns>
    public int GetHashCode(Expr x) => x is Variable v ? StringComparer.Ordinal.GetHashCode(v.Name) : x.GetHashCode();
}
