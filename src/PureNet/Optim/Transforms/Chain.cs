using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// Transformations in sequence: part k's updates are part k+1's gradients; the state is the parts' states in order
/// (optax's chain). <c>Optim.Chain(new ClipByGlobalNorm(1), new AddWeightDecay(1e-4), new Adam(1e-3))</c>.
/// </summary>
public sealed record Chain(Seq<IGradientTransform> Parts) : IGradientTransform
{
    public Seq<IGradientTransform> Parts { get; } = Parts.IsEmpty
        ? throw new ArgumentException("Chain: needs at least one transformation.", nameof(Parts))
        : Parts.Exists(p => p is null) ? throw new ArgumentNullException(nameof(Parts), "Chain: a part is null.") : Parts;

    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T> =>
        OptState<T>.Empty with { Parts = Parts.Map(p => p.Init(parameters)).Strict() };

    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(state, nameof(state));
        if (state.Parts.Count != Parts.Count)
            throw new ArgumentException($"Chain: the state holds {state.Parts.Count} part states for {Parts.Count} transformations; pass the state this chain's Init made.", nameof(state));
        var u = grads;
        var states = new List<OptState<T>>(Parts.Count);
        foreach (var (part, s) in Parts.Zip(state.Parts))
        {
            var (next, ns) = part.Update(u, s, parameters);
            u = next;
            states.Add(ns);
        }
        return (u, state with { Count = state.Count + 1, Parts = Prelude.toSeq(states).Strict() });
    }

    /// <summary>Each part's look-ahead in turn (only <see cref="NesterovLookAhead"/> moves the point).</summary>
    public ParamTree<T> LookAhead<T>(ParamTree<T> parameters, OptState<T> state) where T : unmanaged, IFloatingPointIeee754<T> =>
        Parts.Zip(state.Parts).Fold(parameters, (p, ps) => ps.Item1.LookAhead(p, ps.Item2));

    public override string ToString() => $"Chain({string.Join(", ", Parts)})";
}
