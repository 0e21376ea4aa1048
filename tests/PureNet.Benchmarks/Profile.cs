using System.Diagnostics;
using LanguageExt;

namespace PureNet.Benchmarks;

/// <summary>
/// Where a step's time goes: evaluates the step's nodes one by one (as the plan does) and sums the time per op name.
/// `profile mlp|cnn` prints the ops by total time; it is the profile behind the README's notes on what limits a goal.
/// `profile mlp|cnn nodes` adds every node taking 10 µs or more, in schedule order, with its shape and inputs' shapes.
/// With one core (`DOTNET_PROCESSOR_COUNT=1`) every kernel runs on the calling thread, so nodes are timed by that
/// thread's CPU time: the kernels' single-core cost, readable while other processes take the cores.
/// </summary>
public static class Profile
{
    public static void Run(string which, bool perNode = false)
    {
        var (f, bindings) = Workloads.StepByName(which);
        for (var i = 0; i < 60; i++) f.Invoke(bindings);                // tier the kernels up first
        Thread.Sleep(500);
        var nodes = Graph.TopoSort([f.Loss, .. f.Gradients]);
        var batch = which == "cnn" ? Workloads.CnnBatch : Workloads.MlpBatch;   // cnn-bn: 128, as mlp
        // Per node the fastest of ten rounds: robust against other processes taking the cores.
        var best = new Dictionary<Expr, double>(ReferenceEqualityComparer.Instance);
        var oneCore = Environment.ProcessorCount == 1;
        // Each node gets the same output buffers every round, as the compiled plan's arena reuses them: the profile
        // then times the kernels, not fresh large-object allocations.
        var buffers = new Dictionary<Expr, List<float[]>>(ReferenceEqualityComparer.Instance);
        for (var round = 0; round < 11; round++)
        {
            var values = new Dictionary<Expr, Tensor<float>>(ReferenceEqualityComparer.Instance);
            foreach (var n in nodes)
            {
                var mine = buffers.TryGetValue(n, out var list) ? list : buffers[n] = [];
                var used = 0;
                Allocator<float> allocate = length =>
                {
                    if (used == mine.Count) mine.Add(new float[length]);
                    else if (mine[used].Length != length) mine[used] = new float[length];
                    return mine[used++];
                };
                var (sw, cpu) = (Stopwatch.StartNew(), oneCore ? ThreadCpu.Milliseconds() : 0);
                values[n] = n switch
                {
                    Variable v => bindings.Find(v.Name).IfNone(() => throw new InvalidOperationException(v.Name)),
                    Constant k => Tensor.Cast<double, float>(k.Value),
                    Apply a => a.Op.Eval<float>([.. a.Inputs.Map(x => values[x])], a.Shape.WithBatch(batch), allocate),
                    _ => throw new InvalidOperationException(),
                };
                var ms = oneCore ? ThreadCpu.Milliseconds() - cpu : sw.Elapsed.TotalMilliseconds;
                if (round > 0) best[n] = Math.Min(best.GetValueOrDefault(n, double.MaxValue), ms);
            }
        }
        var byOp = best.GroupBy(kv => kv.Key is Apply ap ? ap.Op.Name : kv.Key.GetType().Name)
            .Select(g => (Op: g.Key, Ms: g.Sum(kv => kv.Value), Count: g.Count()))
            .OrderByDescending(r => r.Ms).ToList();
        Console.WriteLine($"total {byOp.Sum(r => r.Ms):F3} ms (sum of per-node minima, {(oneCore ? "thread CPU time on one core" : $"wall time on {Environment.ProcessorCount} cores")})");
        foreach (var (op, ms, count) in byOp) Console.WriteLine($"{op,-28} {ms,9:F3} ms  {count,5} nodes");
        if (!perNode) return;
        Console.WriteLine();
        foreach (var n in nodes.Where(n => best.GetValueOrDefault(n) >= 0.01))
            Console.WriteLine($"{best[n],7:F3} ms  {(n is Apply a ? a.Op.Name : n.GetType().Name),-26} {n.Shape} ← {string.Join(", ", n.Inputs.Map(x => x.Shape.ToString()))}");
    }
}
