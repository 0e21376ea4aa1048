using System.Collections.Immutable;
using System.Numerics;

namespace PureNet;

/// <summary>
/// Transformations in sequence: part k's updates are part k+1's gradients; the state is the parts' states in order
/// (optax's chain). <c>Optim.Chain(new ClipByGlobalNorm(1), new AddWeightDecay(1e-4), new Adam(1e-3))</c>.
/// </summary>
public sealed record Chain(ImmutableArray<IGradientTransform> Parts) : IGradientTransform
{
    /// <summary>The parts in order: at least one (an empty chain transforms nothing, so it is a mistake), none null.</summary>
    public ImmutableArray<IGradientTransform> Parts { get; } = Parts.IsDefaultOrEmpty
        ? throw new ArgumentException("Chain: needs at least one transformation.", nameof(Parts))
        : Parts.IndexOf(null!) is var i and >= 0 ? throw new ArgumentNullException(nameof(Parts), $"Chain: part {i} is null.") : Parts;

    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T> =>
        OptState<T>.Empty with { Parts = [.. Parts.Select(p => p.Init(parameters))] };

    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        PerTensor.Count("Chain", state);
        if (state.Parts.Length != Parts.Length)
            throw new ArgumentException($"Chain: the state holds {state.Parts.Length} part states for {Parts.Length} transformations; pass the state this chain's Init made.", nameof(state));
        var u = grads;
        var states = ImmutableArray.CreateBuilder<OptState<T>>(Parts.Length);
        foreach (var (part, s) in Parts.Zip(state.Parts))
        {
            var (next, ns) = part.Update(u, s, parameters);
            u = next;
            states.Add(ns);
        }
        return (u, state with { Count = state.Count + 1, Parts = states.MoveToImmutable() });
    }

    /// <summary>Each part's look-ahead in turn (only <see cref="NesterovLookAhead"/> moves the point).</summary>
    public ParamTree<T> LookAhead<T>(ParamTree<T> parameters, OptState<T> state) where T : unmanaged, IFloatingPointIeee754<T>
    {
        PerTensor.Count("Chain.LookAhead", state);
        if (state.Parts.Length != Parts.Length)
            throw new ArgumentException($"Chain.LookAhead: the state holds {state.Parts.Length} part states for {Parts.Length} transformations; pass the state this chain's Init made.", nameof(state));
        return Parts.Zip(state.Parts).Aggregate(parameters, (p, ps) => ps.Item1.LookAhead(p, ps.Item2));
    }

    /// <summary>By value, part by part (an ImmutableArray alone compares by reference).</summary>
    public bool Equals(Chain? other) => other is not null && Parts.SequenceEqual(other.Parts);

    public override int GetHashCode() => Parts.Aggregate(0, (h, p) => HashCode.Combine(h, p));

    public override string ToString() => $"Chain({string.Join(", ", Parts)})";
}
