using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>The shared shape of a per-tensor transformation: checks, a fused pass per tensor, new moment trees, count + 1.</summary>
internal static class PerTensor
{
    /// <summary>Zero moment trees named <paramref name="slots"/>, shaped like the parameters.</summary>
    public static OptState<T> Init<T>(ParamTree<T> parameters, params string[] slots) where T : unmanaged, IFloatingPointIeee754<T> =>
        Init(parameters, T.Zero, slots);

    /// <summary>Moment trees filled with <paramref name="value"/> (AdaGrad's initial accumulator).</summary>
    public static OptState<T> Init<T>(ParamTree<T> parameters, T value, params string[] slots) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters, nameof(parameters));
        return OptState<T>.WithSlots([.. slots.Select(s => (s, parameters.Map(p => Tensor.Full(p.Shape, value))))]);
    }

    /// <summary>The state's step count, read before the rate is looked up (so a null or hand-made bad state is named, not a crash).</summary>
    public static long Count<T>(string owner, OptState<T>? state) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (state is null) throw new ArgumentNullException(nameof(state), $"{owner}: the optimizer state is null; pass the state Init made.");
        return state.Count >= 0 ? state.Count
            : throw new ArgumentOutOfRangeException(nameof(state), state.Count, $"{owner}: the optimizer state's count {state.Count} must be ≥ 0.");
    }

    /// <summary>
    /// Runs <paramref name="step"/> on each (gradient, moments, parameter) and gathers the updates and new moments.
    /// The gradients and every moment tree must have the parameters' names and shapes.
    /// </summary>
    public static (ParamTree<T> Updates, OptState<T> State) Update<T>(
        string owner, ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters, string[] slots,
        Func<Tensor<T>, Tensor<T>[], Tensor<T>, (Tensor<T> Update, Tensor<T>[] Moments)> step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Count(owner, state);
        if (grads is null) throw new ArgumentNullException(nameof(grads), $"{owner}: the gradients are null.");
        if (parameters is null) throw new ArgumentNullException(nameof(parameters), $"{owner}: the parameters are null.");
        ParamTrees.CheckSameStructure(parameters, grads, owner);
        var moments = slots.Select(s => state.Slot(s, owner)).ToArray();
        for (var i = 0; i < slots.Length; i++) ParamTrees.CheckState(parameters, moments[i], slots[i], owner);
        var updates = HashMap<string, Tensor<T>>.Empty;
        var newMoments = slots.Select(_ => HashMap<string, Tensor<T>>.Empty).ToArray();
        foreach (var name in parameters.Names)
        {
            var (u, ms) = step(grads.Tensors[name], [.. moments.Select(m => m.Tensors[name])], parameters.Tensors[name]);
            updates = updates.Add(name, u);
            for (var i = 0; i < slots.Length; i++) newMoments[i] = newMoments[i].Add(name, ms[i]);
        }
        var newSlots = slots.Select((s, i) => (s, newMoments[i])).Aggregate(state.Slots, (acc, s) => acc.AddOrUpdate(s.Item1, new ParamTree<T>(s.Item2)));
        return (new ParamTree<T>(updates), state with { Count = state.Count + 1, Slots = newSlots });
    }

    /// <summary>A stateless per-tensor map of the gradients (count still advances, so schedules see the step).</summary>
    public static (ParamTree<T> Updates, OptState<T> State) Map<T>(
        string owner, ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters, Func<Tensor<T>, Tensor<T>, Tensor<T>> f)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Update(owner, grads, state, parameters, [], (g, _, p) => (f(g, p), []));
}
