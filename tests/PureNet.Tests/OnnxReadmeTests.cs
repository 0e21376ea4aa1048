using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>The README's table of what exports to ONNX is the mapping table itself (rewritten with PURENET_WRITE_README=1).</summary>
public class OnnxReadmeTests
{
    [Fact]
    public void TheReadmeListsEveryMapping()
    {
        var rows = OnnxMappings.Rows.Select(r => $"| {r.Ops} | {r.Nodes} |\n");
        Assert.All(OnnxMappings.Rows, r => Assert.DoesNotContain("|", r.Ops + r.Nodes));
        ReadmeRegion.Check("onnx-ops", "tests/PureNet.Tests/OnnxReadmeTests.cs", "| PureNet op | ONNX nodes |\n|---|---|\n" + string.Concat(rows));
    }

    /// <summary>The README's example, as written there (the path aside), exports and runs.</summary>
    [Fact]
    public void TheReadmeExampleExports()
    {
        var path = Path.Combine(Path.GetTempPath(), $"purenet-readme-{Guid.NewGuid():N}.onnx");
        try
        {
            var x = Variable("x", Dim.Batch, 784);
            var (l1, l2) = (new Dense("l1", 784, 128), new Dense("l2", 128, 10));
            var (p1, rng) = l1.Init(Rng.FromSeed(1));
            var (p2, _) = l2.Init(rng);
            var logits = l2.Apply(Dropout(Activations.Relu(l1.Apply(x)), 0.3, training: false, KeyVariable("key")));
            Onnx.Export(Activations.Softmax(logits), p1.Union(p2), path);
            var p = OnnxRuntimeCheck.Run(File.ReadAllBytes(path), "x", Tensor.Normal<float>(new Shape(4, 784), 3));
            Assert.Equal(new Shape(4, 10), p.Shape);
            Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(1f, Enumerable.Range(0, 10).Sum(c => p[i, c]), 1e-5f));
        }
        finally { File.Delete(path); }
    }
}
