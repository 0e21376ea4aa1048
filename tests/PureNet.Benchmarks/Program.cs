using BenchmarkDotNet.Running;
using PureNet.Benchmarks;

// `profile cnn|mlp [nodes]` prints time per op (per node with `nodes`); `step cnn|mlp` times one compiled training step alone; `cold cnn|mlp` the first 40 steps of a fresh process against warm ones; `userloop` a plain ValueAndGrad + Adam loop; `busy` one core against all, quiet and while a child process spins; `mlp` adds percentiles, bytes and GCs per call; `gemm` times the GEMM shapes alone; `chain` times the front end (build, grad, compile) on long chains; `side-by-side [threads]` prints the quick table compare.py reads; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "chain")
    ChainPhases.Run();
else if (args.Length > 1 && args[0] == "profile")
    Profile.Run(args[1], args.Length > 2 && args[2] == "nodes");
else if (args.Length > 0 && args[0] == "busy")
    BusyMachine.Run();
else if (args.Length > 0 && args[0] == "userloop")
    UserLoop.Run();
else if (args.Length > 1 && args[0] == "cold")
    ColdStart.Run(args[1]);
else if (args.Length > 1 && args[0] == "step")
    SideBySide.Step(args[1]);
else if (args.Length > 0 && args[0] == "mlp")
{
    // `mlp`: only the MLP step and forward after a 3 s warm-up: percentiles of 300 single calls, bytes and GCs per call.
    var mlp = new Workloads.Mlp();
    foreach (var (name, f) in new (string, Action)[] { ("step", () => mlp.Step.Invoke(mlp.Bindings)), ("forward", () => mlp.Forward.Run(mlp.Bindings)) })
    {
        var warm = System.Diagnostics.Stopwatch.StartNew(); while (warm.ElapsedMilliseconds < 3000) f();   // as SideBySide.Time: reach tier 1 first
        var (g0, g1, g2, bytes) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes());
        var times = Enumerable.Range(0, 300).Select(_ => { var sw = System.Diagnostics.Stopwatch.StartNew(); f(); return sw.Elapsed.TotalMilliseconds; }).Order().ToArray();
        Console.WriteLine($"mlp {name}: min {times[0]:F3} ms, 10th percentile {times[30]:F3} ms, median {times[150]:F3} ms; per call {(GC.GetTotalAllocatedBytes() - bytes) / 300 / 1024} KB, GCs over 300 calls: {GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}");
    }
}
else if (args.Length > 0 && args[0] == "gemm")
    SideBySide.Gemms(best: args.Length > 1 && args[1] == "best");
else if (args.Length > 0 && args[0] == "side-by-side")
    SideBySide.Run(args.Length > 1 ? int.Parse(args[1]) : Environment.ProcessorCount);
else
    BenchmarkSwitcher.FromAssembly(typeof(Workloads).Assembly).Run(args);
