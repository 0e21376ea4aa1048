namespace PureNet.Tests;

/// <summary>The fork-join pool behind every parallel kernel: each index once, nesting, failures, many callers at once.</summary>
public class WorkersTests
{
    [Fact]
    public void Every_index_runs_exactly_once()
    {
        foreach (var count in new[] { 0, 1, 2, 3, 17, 1000 })
        {
            var hits = new int[count];
            Workers.For(count, i => Interlocked.Increment(ref hits[i]));
            Assert.All(hits, h => Assert.Equal(1, h));
        }
    }

    [Fact]
    public void A_nested_call_runs_inline_and_completes()
    {
        var hits = new int[8 * 8];
        Workers.For(8, i => Workers.For(8, j => Interlocked.Increment(ref hits[i * 8 + j])));
        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void A_failure_reaches_the_caller_after_every_index_has_finished_and_the_pool_still_works()
    {
        var finished = 0;
        var e = Assert.Throws<InvalidOperationException>(() => Workers.For(64, i =>
        {
            if (i == 5) throw new InvalidOperationException("index 5");
            Thread.SpinWait(1000);
            Interlocked.Increment(ref finished);
        }));
        Assert.Equal("index 5", e.Message);
        Assert.Equal(63, finished);
        var hits = new int[100];
        Workers.For(100, i => Interlocked.Increment(ref hits[i]));
        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void Many_threads_calling_at_once_each_get_all_their_indices()
    {
        var results = new int[8][];
        Parallel.For(0, 8, t =>
        {
            for (var round = 0; round < 50; round++)
            {
                var hits = new int[37];
                Workers.For(37, i => Interlocked.Increment(ref hits[i]));
                if (hits.Any(h => h != 1)) { results[t] = hits; return; }
            }
            results[t] = [];
        });
        Assert.All(results, r => Assert.Empty(r));
    }
}
