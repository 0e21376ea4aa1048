using System.Numerics;

namespace PureNet;

/// <summary>
/// Where a kernel gets its output storage: an array of exactly <paramref name="length"/> elements whose contents are
/// unspecified (a compiled plan hands out reused buffers; eager math gets fresh ones). A kernel that accumulates
/// into its output clears it first. The array then belongs to the result: a caller that writes into it afterwards, or
/// hands it out again while the result lives, changes a tensor that is meant to be immutable.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="length">The number of elements needed.</param>
/// <returns>An array of exactly <paramref name="length"/> elements that no live tensor holds.</returns>
public delegate T[] Allocator<T>(int length);

internal static class Allocation
{
    /// <summary>
    /// An array of exactly <paramref name="length"/> elements. An allocator that returns another length is refused here,
    /// before any kernel sizes a write by the array it was given.
    /// </summary>
    public static T[] New<T>(this Allocator<T>? allocate, int length)
    {
        if (allocate is null) return new T[length];
        var a = allocate(length);
        if (a is null || a.Length != length)
            throw new InvalidOperationException($"Allocator: asked for {length} elements, it returned {(a is null ? "null" : $"an array of {a.Length}")}; an allocator must return exactly the length asked for.");
        return a;
    }

    public static T[] Zeroed<T>(this Allocator<T>? allocate, int length)
    {
        var a = allocate.New(length);
        if (allocate is not null) Array.Clear(a);
        return a;
    }
}
