namespace PureNet.Tests;

/// <summary>
/// Tests that must not share the process with other tests while they run: they read process-wide state that other
/// tests change (the worker pool being free, the allocations of the calling thread while kernels may run inline).
/// xunit runs collections with parallelization disabled after all parallel ones, one test at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
