using System.Diagnostics;
using LanguageExt;

namespace PureNet.Benchmarks;

/// <summary>
/// Where a step's time goes: evaluates the step's nodes one by one (as the plan does) and sums the time per op name.
/// `profile mlp|cnn` prints the ops by total time; it is the profile behind the README's notes on what limits a goal.
/// </summary>
public static class Profile
{
    public static void Run(string which)
    {
        var (f, bindings) = which == "cnn"
            ? (new Workloads.Cnn() is var c ? (c.Step, c.Bindings) : default)
            : (new Workloads.Mlp() is var m ? (m.Step, m.Bindings) : default);
        var nodes = Graph.TopoSort([f.Loss, .. f.Gradients]);
        var batch = which == "cnn" ? Workloads.CnnBatch : Workloads.MlpBatch;
        var totals = new Dictionary<string, (double Ms, int Count)>();
        for (var round = 0; round < 6; round++)
        {
            var values = new Dictionary<Expr, Tensor<float>>(ReferenceEqualityComparer.Instance);
            foreach (var n in nodes)
            {
                var sw = Stopwatch.StartNew();
                values[n] = n switch
                {
                    Variable v => bindings.Find(v.Name).IfNone(() => throw new InvalidOperationException(v.Name)),
                    Constant k => Tensor.Cast<double, float>(k.Value),
                    Apply a => a.Op.Eval<float>([.. a.Inputs.Map(x => values[x])], a.Shape.WithBatch(batch)),
                    _ => throw new InvalidOperationException(),
                };
                var key = n is Apply ap ? ap.Op.Name : n.GetType().Name;
                if (round > 0) totals[key] = totals.TryGetValue(key, out var t) ? (t.Ms + sw.Elapsed.TotalMilliseconds / 5, t.Count + 1) : (sw.Elapsed.TotalMilliseconds / 5, 1);
            }
        }
        foreach (var (op, (ms, count)) in totals.OrderByDescending(kv => kv.Value.Ms))
            Console.WriteLine($"{op,-16} {ms,9:F3} ms  {count / 5,5} nodes");
    }
}
