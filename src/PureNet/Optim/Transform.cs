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
public sealed record OptState<T>(long Count, HashMap<string, ParamTree<T>> Slots, ImmutableArray<OptState<T>> Parts) where T : unmanaged, IFloatingPointIeee754<T>
{
    public long Count { get; init; } = Count;

    public HashMap<string, ParamTree<T>> Slots { get; init => field = NoNullSlots(value); } = NoNullSlots(Slots);

    /// <summary>A chain's part states in order (empty for a single transformation); default is read as empty, a null part is refused.</summary>
    public ImmutableArray<OptState<T>> Parts { get; init => field = NoNullParts(value); } = NoNullParts(Parts);

    public static OptState<T> Empty { get; } = new(0, HashMap<string, ParamTree<T>>.Empty, []);

    /// <summary>A state with the given moment trees and a zero count.</summary>
    public static OptState<T> WithSlots(params (string Name, ParamTree<T> Tree)[] slots) =>
        Empty with { Slots = Guard.NotNull(slots, "OptState.WithSlots").Aggregate(HashMap<string, ParamTree<T>>.Empty, (m, s) => m.Add(
            s.Name ?? throw new ArgumentNullException(nameof(slots), "OptState.WithSlots: a slot name is null."), s.Tree)) };

    /// <summary>The moment tree named <paramref name="name"/>; a state from another optimizer throws, naming both.</summary>
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
    public bool Equals(OptState<T>? other) =>
        other is not null && Count == other.Count && Slots == other.Slots && Parts.SequenceEqual(other.Parts);

    public override int GetHashCode() => Parts.Aggregate(HashCode.Combine(Count, Slots), (h, p) => HashCode.Combine(h, p));

    public override string ToString() => $"OptState<{typeof(T).Name}>(count {Count}, slots [{string.Join(", ", Slots.Keys.Order())}], {Parts.Length} parts)";
}

/// <summary>
/// A gradient transformation (optax's GradientTransformation): <c>Init(params) → state</c> and
/// <c>Update(grads, state, params) → (updates, state')</c>, both pure — inputs unchanged, the same inputs give
/// bit-identical outputs. Updates are added to the parameters by <see cref="Optim.Apply{T}"/>. Optimizers are
/// records of their hyperparameters (checked when built), so they print and compare by value.
/// </summary>
public interface IGradientTransform
{
    OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>;

    (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// Where the next gradient is to be taken: the parameters themselves for every transform except a look-ahead one
    /// (<see cref="NesterovLookAhead"/>), which wants ∇f(x + μv). The fit loop evaluates gradients here.
    /// </summary>
    ParamTree<T> LookAhead<T>(ParamTree<T> parameters, OptState<T> state) where T : unmanaged, IFloatingPointIeee754<T> => parameters;
}

/// <summary>Applying updates and running transformations.</summary>
public static class Optim
{
    /// <summary>params + updates, tensor by tensor; the names and shapes must match.</summary>
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
    public static Chain Chain(params IGradientTransform[] parts) => new([.. Guard.NotNull(parts, "Optim.Chain")]);
}
