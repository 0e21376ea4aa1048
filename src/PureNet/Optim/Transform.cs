using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// An optimizer's state as data: the number of updates done, named moment trees shaped like the parameters
/// (e.g. "m" and "v" for Adam) and, for a chain, its parts' states in order. Immutable and compared by value,
/// so it can be saved, restored and carried through a fold like the parameters.
/// </summary>
public sealed record OptState<T>(long Count, HashMap<string, ParamTree<T>> Slots, Seq<OptState<T>> Parts) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static OptState<T> Empty { get; } = new(0, HashMap<string, ParamTree<T>>.Empty, Seq<OptState<T>>.Empty);

    /// <summary>A state with the given moment trees and a zero count.</summary>
    public static OptState<T> WithSlots(params (string Name, ParamTree<T> Tree)[] slots) =>
        Empty with { Slots = slots.Aggregate(HashMap<string, ParamTree<T>>.Empty, (m, s) => m.Add(s.Name, s.Tree)) };

    /// <summary>The moment tree named <paramref name="name"/>; a state from another optimizer throws, naming both.</summary>
    public ParamTree<T> Slot(string name, string owner) => Slots.Find(name).IfNone(() =>
        throw new ArgumentException($"{owner}: the state has no '{name}' moments (it holds [{string.Join(", ", Slots.Keys.Order())}]); pass the state this optimizer's Init made.", "state"));

    public override string ToString() => $"OptState<{typeof(T).Name}>(count {Count}, slots [{string.Join(", ", Slots.Keys.Order())}], {Parts.Count} parts)";
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
        ParamTrees.CheckSameStructure(parameters, updates, "Optim.Apply");
        return parameters + updates;
    }

    /// <summary>One step: update from the gradients, then apply; returns the new parameters and state.</summary>
    public static (ParamTree<T> Params, OptState<T> State) Step<T>(this IGradientTransform t, ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (u, s) = t.Update(grads, state, parameters);
        return (Apply(parameters, u), s);
    }

    /// <summary>Composes transformations: each part's updates are the next part's gradients (optax's chain).</summary>
    public static Chain Chain(params IGradientTransform[] parts) => new(Prelude.toSeq(parts).Strict());
}
