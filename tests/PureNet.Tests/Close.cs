using PureNet;

namespace PureNet.Tests;

/// <summary>Tensor comparison up to rounding.</summary>
internal static class Close
{
    public static void Equal(Tensor<double> expected, Tensor<double> actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        foreach (var (e, a) in expected.ToArray().Zip(actual.ToArray()))
            Assert.True(Math.Abs(e - a) <= tolerance * (1 + Math.Abs(e)), $"expected {expected}\nactual   {actual}");
    }
}
