using System.Numerics;

namespace PureNet;

/// <summary>
/// Where a kernel gets its output storage: an array of exactly <paramref name="length"/> elements whose contents are
/// unspecified (a compiled plan hands out reused buffers; eager math gets fresh ones). A kernel that accumulates
/// into its output clears it first.
/// </summary>
public delegate T[] Allocator<T>(int length);

internal static class Allocation
{
    public static T[] New<T>(this Allocator<T>? allocate, int length) => allocate is null ? new T[length] : allocate(length);

    public static T[] Zeroed<T>(this Allocator<T>? allocate, int length)
    {
        if (allocate is null) return new T[length];
        var a = allocate(length);
        Array.Clear(a);
        return a;
    }
}
