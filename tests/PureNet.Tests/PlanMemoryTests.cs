using LanguageExt;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>
/// A compiled step reuses its buffers: after warm-up a call allocates its results and a small, fixed overhead. It runs
/// alone: the count is the calling thread's, and when another test holds the worker pool the step's kernels run inline
/// on this thread, so what it counts would depend on what else runs.
/// </summary>
[Collection(RunsAlone.Name)]
public class PlanMemoryTests
{
    /// <summary>Per-call bookkeeping allowed beyond the results (result records, the binding check, the arena pool), in bytes.</summary>
    const long Overhead = 24 * 1024;

    static (ValueAndGradFunction Step, HashMap<string, Tensor<float>> Bindings, long ResultBytes) Mlp(int batch)
    {
        var (l1, l2) = (new Dense("l1", 64, 48), new Dense("l2", 48, 10));
        var x = Variable("x", Dim.Batch, 64);
        var labels = Variable("labels", Dim.Batch);
        var loss = Losses.SoftmaxCrossEntropyWithLabels(l2.Apply(Activations.Relu(l1.Apply(x))), labels);
        Expr[] parameters = [.. l1.Parameters, .. l2.Parameters];
        var (p1, r) = l1.Init(Rng.FromSeed(1));
        var (p2, _) = l2.Init(r);
        var bindings = p1.Union(p2).Map(Tensor.Cast<double, float>)
            .Add("x", Tensor.Normal<float>(new Shape(batch, 64), seed: 2))
            .Add("labels", Tensor.Cast<double, float>(Tensor.FromArray([.. Enumerable.Range(0, batch).Select(i => (double)(i % 10))])));
        var resultBytes = parameters.Sum(p => (long)p.Shape.Size * sizeof(float)) + sizeof(float);
        return (ValueAndGrad(loss, parameters), bindings, resultBytes);
    }

    [Fact]
    public void A_steady_state_value_and_grad_call_allocates_its_results_and_a_fixed_overhead()
    {
        var (step, bindings, resultBytes) = Mlp(batch: 256);
        for (var i = 0; i < 3; i++) step.Invoke(bindings);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var r = step.Invoke(bindings);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= resultBytes + Overhead,
            $"one call allocated {allocated} bytes; its results take {resultBytes}, so at most {resultBytes + Overhead} was allowed. " +
            "The intermediates alone (activations of 256 × 48 and their gradients) would take far more.");
        Assert.True(float.IsFinite(r.Value));
    }

    [Fact]
    public void Results_of_one_call_are_not_overwritten_by_the_next()
    {
        var (step, bindings, _) = Mlp(batch: 8);
        var first = step.Invoke(bindings);
        var copy = first.Grads.Map(g => g.ToArray()).ToArray();
        step.Invoke(bindings.SetItem("x", Tensor.Normal<float>(new Shape(8, 64), seed: 9)));
        for (var i = 0; i < copy.Length; i++) Assert.Equal(copy[i], first.Grads[i].ToArray());
    }

    [Fact]
    public void One_plan_serves_several_batch_sizes()
    {
        var (step, bindings, _) = Mlp(batch: 8);
        var small = step.Invoke(bindings).Value;
        var (_, big, _) = Mlp(batch: 32);
        var large = step.Invoke(big).Value;
        Assert.Equal(small, step.Invoke(bindings).Value);
        Assert.Equal(large, step.Invoke(big).Value);
    }
}
