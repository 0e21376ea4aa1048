using System.Numerics;

namespace PureNet;

/// <summary>
/// Donating what a step no longer needs: the tensors of an old parameter tree, optimizer state or gradients go back
/// to PureNet (see <see cref="Tensor{T}.Donate"/>), except any whose storage the new ones still use (a transform that
/// kept a moment, an update that is its moment).
/// </summary>
internal static class Donation
{
    /// <summary>Every tensor of a state, its slots and its chain's parts.</summary>
    public static IEnumerable<Tensor<T>> Tensors<T>(OptState<T> state) where T : unmanaged, IFloatingPointIeee754<T> =>
        state.Slots.Values.SelectMany(t => t.Tensors.Values).Concat(state.Parts.SelectMany(Tensors));

    /// <summary>Donates each of <paramref name="old"/> whose storage no tensor of <paramref name="kept"/> shares.</summary>
    public static void Except<T>(IEnumerable<Tensor<T>> old, IEnumerable<Tensor<T>> kept) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var live = new HashSet<object>(kept.Select(t => t.Storage).OfType<object>(), ReferenceEqualityComparer.Instance);
        foreach (var t in old)
            if (t.Storage is { } s && !live.Contains(s)) t.Donate();
    }
}
