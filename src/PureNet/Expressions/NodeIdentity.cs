namespace PureNet;

/// <summary>
/// How every transformation tells nodes apart: a variable is its name (two <see cref="Variable"/> objects with one
/// name are one variable, so a layer built twice shares its parameters in evaluation and differentiation alike);
/// every other node is itself (identity, since structural equality is exponential on a DAG with sharing).
/// </summary>
public sealed class NodeIdentity : IEqualityComparer<Expr>
{
    public static readonly NodeIdentity Instance = new();

    public bool Equals(Expr? a, Expr? b) => (a, b) switch
    {
        (Variable u, Variable v) => u.Name == v.Name,
        _ => ReferenceEquals(a, b),
    };

    public int GetHashCode(Expr x) => x is Variable v ? StringComparer.Ordinal.GetHashCode(v.Name) : x.GetHashCode();
}
