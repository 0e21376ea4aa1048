using System.Collections.Immutable;
using System.Numerics;

namespace PureNet;

/// <summary>
/// Transformations in sequence: part k's updates are part k+1's gradients; the state is the parts' states in order
/// (optax's chain). <c>Optim.Chain(new ClipByGlobalNorm(1), new AddWeightDecay(1e-4), new Adam(1e-3))</c>.
/// </summary>
/// <param name="Parts">The transformations in order: at least one, none null.</param>
/// <exception cref="ArgumentException"><paramref name="Parts"/> is empty.</exception>
/// <exception cref="ArgumentNullException">A part is null.</exception>
/// <example>
/// <code>
/// // Clip, then Adam, on ‖w − t‖².
/// var w = Variable("w", 3);
/// var loss = Sum(Square(w - Const(Tensor.FromArray(1.0, 2.0, 3.0))));
/// var grad = ValueAndGrad(loss, w);
/// var opt = Optim.Chain(new ClipByGlobalNorm(1), new Adam(0.1));
/// var p = ParamTrees.Of(("w", Tensor.Zeros&lt;double&gt;(new Shape(3))));
/// var state = opt.Init(p);
/// for (var i = 0; i &lt; 200; i++)
///     (p, state) = opt.Step(grad.Invoke(("w", p["w"])).GradTree(), state, p);
/// </code>
/// </example>
public sealed record Chain(ImmutableArray<IGradientTransform> Parts) : IGradientTransform
{
    /// <summary>The parts in order: at least one (an empty chain transforms nothing, so it is a mistake), none null.</summary>
    public ImmutableArray<IGradientTransform> Parts { get; } = Parts.IsDefaultOrEmpty
        ? throw new ArgumentException("Chain: needs at least one transformation.", nameof(Parts))
        : Parts.IndexOf(null!) is var i and >= 0 ? throw new ArgumentNullException(nameof(Parts), $"Chain: part {i} is null.") : Parts;

    /// <summary>The parts' initial states, in order.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="parameters">The parameters the state is for.</param>
    /// <returns>The initial state (count 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is not representable in <typeparamref name="T"/> (e.g. a rate that overflows float).</exception>
    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T> =>
        OptState<T>.Empty with { Parts = [.. Parts.Select(p => p.Init(parameters))] };

    /// <summary>Each part's update in turn, its updates the next part's gradients.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="grads">The gradients, with the parameters' names and shapes.</param>
    /// <param name="state">The state from <c>Init</c> or the previous update.</param>
    /// <param name="parameters">The current parameters.</param>
    /// <returns>The updates to add to the parameters (<see cref="Optim.Apply{T}"/>) and the next state (count + 1).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The state holds another number of part states than the chain has parts, or a part refuses the gradients or its state.</exception>
    /// <exception cref="ShapeException">A gradient or moment differs in shape from its parameter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The state's count is negative, or a hyperparameter at this step is not representable in <typeparamref name="T"/>.</exception>
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
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="parameters">The current parameters.</param>
    /// <param name="state">The chain's state.</param>
    /// <returns>The point at which to take the next gradient.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException">The state holds another number of part states than the chain has parts.</exception>
    public ParamTree<T> LookAhead<T>(ParamTree<T> parameters, OptState<T> state) where T : unmanaged, IFloatingPointIeee754<T>
    {
        PerTensor.Count("Chain.LookAhead", state);
        if (state.Parts.Length != Parts.Length)
            throw new ArgumentException($"Chain.LookAhead: the state holds {state.Parts.Length} part states for {Parts.Length} transformations; pass the state this chain's Init made.", nameof(state));
        return Parts.Zip(state.Parts).Aggregate(parameters, (p, ps) => ps.Item1.LookAhead(p, ps.Item2));
    }

    /// <summary>By value, part by part (an ImmutableArray alone compares by reference).</summary>
    /// <param name="other">The chain compared.</param>
    /// <returns>Whether both chains hold equal parts in the same order.</returns>
    public bool Equals(Chain? other) => other is not null && Parts.SequenceEqual(other.Parts);

    /// <inheritdoc/>
    public override int GetHashCode() => Parts.Aggregate(0, (h, p) => HashCode.Combine(h, p));

    /// <inheritdoc/>
    public override string ToString() => $"Chain({string.Join(", ", Parts)})";
}
