using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>The shared shape of a per-tensor transformation: checks, a fused pass per tensor, new moment trees, count + 1.</summary>
internal static class PerTensor
{
    /// <summary>Zero moment trees named <paramref name="slots"/>, shaped like the parameters.</summary>
    public static OptState<T> Init<T>(ParamTree<T> parameters, params string[] slots) where T : unmanaged, IFloatingPointIeee754<T> =>
        OptState<T>.WithSlots([.. slots.Select(s => (s, parameters.Map(p => Tensor.Zeros<T>(p.Shape))))]);

    /// <summary>
    /// Runs <paramref name="step"/> on each (gradient, moments, parameter) and gathers the updates and new moments.
    /// The gradients and every moment tree must have the parameters' names and shapes.
    /// </summary>
    public static (ParamTree<T> Updates, OptState<T> State) Update<T>(
        string owner, ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters, string[] slots,
        Func<Tensor<T>, Tensor<T>[], Tensor<T>, (Tensor<T> Update, Tensor<T>[] Moments)> step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(state, nameof(state));
        ParamTrees.CheckSameStructure(parameters, grads, owner);
        var moments = slots.Select(s => state.Slot(s, owner)).ToArray();
        foreach (var m in moments) ParamTrees.CheckSameStructure(parameters, m, owner);
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

    public static T C<T>(double v) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateChecked(v);
}
