using BenchmarkDotNet.Running;
using PureNet.Benchmarks;

// `step cnn|mlp` times one compiled training step alone; `side-by-side [threads]` prints the quick table compare.py reads; anything else goes to BenchmarkDotNet.
if (args.Length > 1 && args[0] == "profile")
    Profile.Run(args[1]);
else if (args.Length > 1 && args[0] == "step")
    SideBySide.Step(args[1]);
else if (args.Length > 0 && args[0] == "side-by-side")
    SideBySide.Run(args.Length > 1 ? int.Parse(args[1]) : Environment.ProcessorCount);
else
    BenchmarkSwitcher.FromAssembly(typeof(Workloads).Assembly).Run(args);
