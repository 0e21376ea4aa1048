using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>Checks of variable bindings at call time: present, of the declared shape, one batch size for all.</summary>
internal static class Bindings
{
    /// <summary>The batch size fixed by the bindings (None when no variable has a batch axis); throws on any mismatch.</summary>
    public static Option<int> BatchSize<T>(ImmutableArray<Variable> variables, HashMap<string, Tensor<T>> bindings) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Option<(int Size, string From)> batch = Option<(int, string)>.None;
        foreach (var v in variables)
        {
            var value = bindings.Find(v.Name).IfNone(() => throw Missing(v, bindings.Keys));
            var given = value.Shape;
            if (given.Rank != v.Shape.Rank)
                throw new ArgumentException($"Evaluate: variable '{v.Name}' is declared {v.Shape} but bound to a tensor of shape {given} (rank {given.Rank}, not {v.Shape.Rank}).");
            for (var a = 0; a < given.Rank; a++)
            {
                if (v.Shape[a] == Dim.Batch)
                {
                    var size = given[a];
                    batch = batch.Match(
                        Some: b => b.Size == size ? b : throw new ArgumentException(
                            $"Evaluate: variable '{v.Name}' {v.Shape} is bound with batch size {size}, but '{b.From}' fixed the batch size to {b.Size}; one call, one batch size."),
                        None: () => (size, v.Name));
                }
                else if (v.Shape[a] != given[a])
                    throw new ArgumentException($"Evaluate: variable '{v.Name}' is declared {v.Shape} but bound to a tensor of shape {given}: axis {a} is {given[a]}, not {v.Shape[a]}.");
            }
        }
        return batch.Map(b => b.Size);
    }

    public static ArgumentException Missing(Variable v, IEnumerable<string> bound) =>
        new($"Evaluate: variable '{v.Name}' {v.Shape} is not bound; bound names: [{string.Join(", ", bound.Order())}].");
}
