using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// An optimizer's state as data: the number of updates done, named moment trees shaped like the parameters
/// (e.g. "m" and "v" for Adam) and, for a chain, its parts' states in order. Immutable and compared by value,
/// so it can be saved, restored and carried through a fold like the parameters. The parts are an
/// <see cref="ImmutableArray{T}"/> so that <c>with { Parts = [a, b] }</c> holds a and b (into a LanguageExt Seq it would be empty).
/// </summary>
/// <typeparam name="T">The parameters' element type: float or double.</typeparam>
/// <param name="Count">The number of updates done; ≥ 0 for a state an optimizer accepts.</param>
/// <param name="Slots">The moment trees by name; none may be null.</param>
/// <param name="Parts">A chain's part states in order (default is read as empty); none may be null.</param>
/// <exception cref="ArgumentNullException">A moment tree or a part state is null.</exception>
public sealed record OptState<T>(long Count, HashMap<string, ParamTree<T>> Slots, ImmutableArray<OptState<T>> Parts) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The number of updates done (0 after <c>Init</c>); schedules read the rate at this step.</summary>
    public long Count { get; init; } = Count;

    /// <summary>The moment trees by name, each shaped like the parameters; a null tree is refused.</summary>
    public HashMap<string, ParamTree<T>> Slots { get; init => field = NoNullSlots(value); } = NoNullSlots(Slots);

    /// <summary>A chain's part states in order (empty for a single transformation); default is read as empty, a null part is refused.</summary>
    public ImmutableArray<OptState<T>> Parts { get; init => field = NoNullParts(value); } = NoNullParts(Parts);

    /// <summary>A state with no count, no moments and no parts: what a stateless transformation starts from.</summary>
    public static OptState<T> Empty { get; } = new(0, HashMap<string, ParamTree<T>>.Empty, []);

    /// <summary>A state with the given moment trees and a zero count.</summary>
    /// <param name="slots">The moment trees, each with its name.</param>
    /// <returns>The state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="slots"/>, a name or a tree is null.</exception>
    public static OptState<T> WithSlots(params (string Name, ParamTree<T> Tree)[] slots) =>
        Empty with { Slots = Guard.NotNull(slots, "OptState.WithSlots").Aggregate(HashMap<string, ParamTree<T>>.Empty, (m, s) => m.Add(
            s.Name ?? throw new ArgumentNullException(nameof(slots), "OptState.WithSlots: a slot name is null."), s.Tree)) };

    /// <summary>The moment tree named <paramref name="name"/>; a state from another optimizer throws, naming both.</summary>
    /// <param name="name">The moment's name, e.g. "m".</param>
    /// <param name="owner">The optimizer asking, named in the message.</param>
    /// <returns>The moment tree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">The state holds no moment of that name.</exception>
    public ParamTree<T> Slot(string name, string owner) => Slots.Find(Guard.NotNull(name, owner ?? "OptState.Slot")).IfNone(() =>
        throw new ArgumentException($"{owner}: the state has no '{name}' moments (it holds [{string.Join(", ", Slots.Keys.Order())}]); pass the state this optimizer's Init made.", "state"));

    static HashMap<string, ParamTree<T>> NoNullSlots(HashMap<string, ParamTree<T>> slots)
    {
        foreach (var (name, tree) in slots)
            if (tree is null) throw new ArgumentNullException(nameof(Slots), $"OptState: the moment tree '{name}' is null.");
        return slots;
    }

    static ImmutableArray<OptState<T>> NoNullParts(ImmutableArray<OptState<T>> parts)
    {
        if (parts.IsDefault) return [];
        for (var i = 0; i < parts.Length; i++)
            if (parts[i] is null) throw new ArgumentNullException(nameof(Parts), $"OptState: the part state Parts[{i}] is null.");
        return parts;
    }

    /// <summary>By value: the count, the moment trees and the part states in order (an ImmutableArray alone compares by reference).</summary>
    /// <param name="other">The state compared.</param>
    /// <returns>Whether the states are equal.</returns>
    public bool Equals(OptState<T>? other) =>
        other is not null && Count == other.Count && Slots == other.Slots && Parts.SequenceEqual(other.Parts);

    /// <inheritdoc/>
    public override int GetHashCode() => Parts.Aggregate(HashCode.Combine(Count, Slots), (h, p) => HashCode.Combine(h, p));

    /// <inheritdoc/>
    public override string ToString() => $"OptState<{typeof(T).Name}>(count {Count}, slots [{string.Join(", ", Slots.Keys.Order())}], {Parts.Length} parts)";
}

/// <summary>
/// A gradient transformation (optax's GradientTransformation): <c>Init(params) → state</c> and
/// <c>Update(grads, state, params) → (updates, state')</c>, both pure — inputs unchanged, the same inputs give
/// bit-identical outputs. Updates are added to the parameters by <see cref="Optim.Apply{T}"/>. Optimizers are
/// records of their hyperparameters (checked when built), so they print and compare by value.
/// </summary>
/// <example>
/// <code>
/// // Minimise ‖w − t‖² by hand: Init once, then Step (Update and Apply) per gradient.
/// var w = Variable("w", 3);
/// var loss = Sum(Square(w - Const(Tensor.FromArray(1.0, 2.0, 3.0))));
/// var grad = ValueAndGrad(loss, w);
/// var opt = new Adam(0.1);
/// var p = ParamTrees.Of(("w", Tensor.Zeros&lt;double&gt;(new Shape(3))));
/// var state = opt.Init(p);
/// for (var i = 0; i &lt; 200; i++)
///     (p, state) = opt.Step(grad.Invoke(("w", p["w"])).GradTree(), state, p);
/// </code>
/// </example>
public interface IGradientTransform
{
    /// <summary>The state before the first update: zero moments shaped like <paramref name="parameters"/> and count 0.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="parameters">The parameters the state is for.</param>
    /// <returns>The initial state.</returns>
    OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>One step of the transformation: the updates for these gradients and the next state. Pure: nothing given is changed.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="grads">The gradients (or, inside a chain, the previous part's updates), with the parameters' names and shapes.</param>
    /// <param name="state">The state from <see cref="Init{T}"/> or the previous update.</param>
    /// <param name="parameters">The current parameters (read by weight decay and projections).</param>
    /// <returns>The updates to add to the parameters and the next state.</returns>
    (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// Where the next gradient is to be taken: the parameters themselves for every transform except a look-ahead one
    /// (<see cref="NesterovLookAhead"/>), which wants ∇f(x + μv). The fit loop evaluates gradients here.
    /// </summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="parameters">The current parameters.</param>
    /// <param name="state">The current state.</param>
    /// <returns>The point at which to take the next gradient.</returns>
    ParamTree<T> LookAhead<T>(ParamTree<T> parameters, OptState<T> state) where T : unmanaged, IFloatingPointIeee754<T> => parameters;
}

/// <summary>Applying updates and running transformations.</summary>
public static class Optim
{
    /// <summary>params + updates, tensor by tensor; the names and shapes must match.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="parameters">The current parameters.</param>
    /// <param name="updates">The updates from <see cref="IGradientTransform.Update{T}"/>.</param>
    /// <returns>The new parameters.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> or <paramref name="updates"/> is null.</exception>
    /// <exception cref="ArgumentException">The trees' names differ.</exception>
    /// <exception cref="ShapeException">An update differs in shape from its parameter.</exception>
    public static ParamTree<T> Apply<T>(ParamTree<T> parameters, ParamTree<T> updates) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(parameters, "Optim.Apply");
        Guard.NotNull(updates, "Optim.Apply");
        ParamTrees.CheckSameStructure(parameters, updates, "Optim.Apply");
        return parameters + updates;
    }

    /// <summary>
    /// One step: update from the gradients, then apply; returns the new parameters and state. With
    /// <paramref name="donate"/> the gradients, the state and the parameters passed in are donated, as JAX's
    /// <c>donate_argnums</c> donates a step's arguments: the caller promises not to read them again, and PureNet reuses
    /// their large arrays for the next step's results (see <see cref="Tensor{T}.Donate"/>), so a training loop
    /// allocates no large arrays in its steady state. Reading a donated tensor afterwards throws
    /// <see cref="DonatedTensorException"/>. The update, which never leaves this call, is given back either way.
    /// </summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="t">The optimizer.</param>
    /// <param name="grads">The gradients at the parameters (at <see cref="IGradientTransform.LookAhead{T}"/> for a look-ahead optimizer).</param>
    /// <param name="state">The state from <c>Init</c> or the previous step.</param>
    /// <param name="parameters">The current parameters.</param>
    /// <param name="donate">Donate <paramref name="grads"/>, <paramref name="state"/> and <paramref name="parameters"/>: they must not be read after this call.</param>
    /// <returns>The new parameters and the next state.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The gradients or the state do not fit the parameters.</exception>
    /// <exception cref="ShapeException">A gradient or moment differs in shape from its parameter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The state's count is negative, or a hyperparameter is not representable in <typeparamref name="T"/>.</exception>
    /// <example>
    /// <code>
    /// // One step per gradient: Update, then Apply.
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
    public static (ParamTree<T> Params, OptState<T> State) Step<T>(this IGradientTransform t, ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters, bool donate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(t, "Optim.Step");
        var (u, s) = t.Update(grads, state, parameters);
        var next = Apply(parameters, u);
        // The inputs: donated, or kept when not (a transform may pass a gradient through as its update).
        var inputs = grads.Tensors.Values.Concat(Donation.Tensors(state)).Concat(parameters.Tensors.Values).ToList();
        var results = next.Tensors.Values.Concat(Donation.Tensors(s));
        Donation.Except(donate ? u.Tensors.Values.Concat(inputs) : u.Tensors.Values, donate ? results : results.Concat(inputs));
        return (next, s);
    }

    /// <summary>Composes transformations: each part's updates are the next part's gradients (optax's chain).</summary>
    /// <param name="parts">The transformations in order, at least one.</param>
    /// <returns>The chain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> or a part is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parts"/> is empty.</exception>
    /// <example>
    /// <code>
    /// // Clip, decay, then Adam: the state holds the three parts' states in order.
    /// var optimizer = Optim.Chain(new ClipByGlobalNorm(1), new AddWeightDecay(1e-4), new Adam(1e-3));
    /// </code>
    /// </example>
    public static Chain Chain(params IGradientTransform[] parts) => new([.. Guard.NotNull(parts, "Optim.Chain")]);
}
