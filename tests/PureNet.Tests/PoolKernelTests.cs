namespace PureNet.Tests;

/// <summary>
/// The float 2×2 stride-2 pooling kernels (vectorised when rows are wide enough) against a plain loop written from the
/// rule: NaN wins the max; the cotangent goes to the window's maximal elements, split evenly among ties, NaN when none.
/// The property tests use small images that never reach the vector path; these planes are wide and full of ties. With
/// the ReLU mask joined in, cells where x ≤ 0 (−0 included, NaN not) get 0, as relu_grad would give them.
/// </summary>
public class PoolKernelTests
{
    public static TheoryData<int, int, int, int> Shapes => new() { { 2, 3, 10, 18 }, { 1, 2, 9, 17 }, { 3, 1, 28, 28 }, { 1, 1, 14, 14 }, { 1, 1, 2, 16 } };

    [Theory, MemberData(nameof(Shapes))]
    public void Float_2x2_pooling_and_its_gradient_follow_the_rule(int n, int c, int h, int w)
    {
        var rng = new Random(h * 100 + w);
        float[] levels = [-1f, 0f, -0f, 1f, 2f, 2f, float.NaN];
        var x = Enumerable.Range(0, n * c * h * w).Select(_ => rng.Next(40) == 0 ? float.NaN : levels[rng.Next(levels.Length - 1)]).ToArray();
        var (oh, ow) = (h / 2, w / 2);
        var pooledShape = new Shape(n, c, oh, ow);
        var g = Enumerable.Range(0, pooledShape.Size).Select(_ => (float)(rng.Next(7) - 3) / 2).ToArray();
        var xt = Tensor.FromArray(new Shape(n, c, h, w), x);

        var y = PoolKernel.Max(xt, 2, 2, pooledShape).ToArray();
        var dx = PoolKernel.MaxGrad(xt, Tensor.FromArray(pooledShape, y), Tensor.FromArray(pooledShape, g), 2, 2, relu: false).ToArray();
        var dxRelu = PoolKernel.MaxGrad(xt, Tensor.FromArray(pooledShape, y), Tensor.FromArray(pooledShape, g), 2, 2, relu: true).ToArray();

        var expectedDx = new float[x.Length];
        for (var p = 0; p < n * c; p++)
            for (var i = 0; i < oh; i++)
                for (var j = 0; j < ow; j++)
                {
                    int[] cells = [.. from a in new[] { 0, 1 } from b in new[] { 0, 1 } select p * h * w + (2 * i + a) * w + 2 * j + b];
                    var m = cells.Any(q => float.IsNaN(x[q])) ? float.NaN : cells.Max(q => x[q]);
                    var at = p * oh * ow + i * ow + j;
                    Assert.True(Same(m, y[at]), $"max at {at}: {y[at]}, expected {m}");
                    var ties = cells.Count(q => x[q] == m);
                    foreach (var q in cells) expectedDx[q] = ties == 0 ? float.NaN : x[q] == m ? g[at] / ties : 0f;
                }
        for (var q = 0; q < x.Length; q++) Assert.True(Same(expectedDx[q], dx[q]), $"dx at {q}: {dx[q]}, expected {expectedDx[q]}");
        for (var q = 0; q < x.Length; q++)
        {
            var expected = x[q] <= 0 ? 0f : expectedDx[q];
            Assert.True(Same(expected, dxRelu[q]), $"ReLU-masked dx at {q}: {dxRelu[q]}, expected {expected}");
        }
    }

    static bool Same(float a, float b) => float.IsNaN(a) ? float.IsNaN(b) : a == b;
}
