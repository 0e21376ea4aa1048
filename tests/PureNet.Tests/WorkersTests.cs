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
    public void Parts_cover_the_range_in_order_without_overflow_for_any_int_sizes()
    {
        foreach (var (total, parts) in new[] { (0, 1), (7, 3), (10, 10), (3, 5), (int.MaxValue, 7), (1_600_000, 140_000) })
        {
            var expected = 0;
            for (var p = 0; p < parts; p++)
            {
                var (start, end) = Workers.Part(total, parts, p);
                Assert.Equal(expected, start);
                Assert.True(end >= start && end - start <= total / parts + 1, $"part {p} of {total}/{parts}: [{start}, {end})");
                expected = end;
            }
            Assert.Equal(total, expected);
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
    public void An_inline_call_keeps_the_contract_every_index_runs_then_the_failure_is_rethrown()
    {
        var finished = 0;
        Exception? caught = null;
        // The outer call holds the pool, so the nested one runs inline on whichever thread took index 0.
        Workers.For(2, i =>
        {
            if (i != 0) return;
            caught = Record.Exception(() => Workers.For(10, j =>
            {
                if (j == 3) throw new InvalidOperationException("index 3");
                Interlocked.Increment(ref finished);
            }));
        });
        Assert.IsType<InvalidOperationException>(caught);
        Assert.Equal(9, finished);
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

/// <summary>
/// The wake-up, tested through the pool's own state rather than timing: wait until the workers report that they are
/// asleep, then give For two items and hold the caller on its item until another thread has taken the other one. Only
/// a woken worker can take it, so the test passes exactly when a sleeping worker wakes and takes part, however slowly
/// the machine schedules it. It runs alone, so no other test holds the pool (which would make For run inline).
/// </summary>
[Collection(RunsAlone.Name)]
public class WorkersWakeTests
{
    /// <summary>A bound on waiting for the scheduler, not a timing assumption: on any machine that runs at all it is never reached.</summary>
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_sleeping_worker_wakes_and_takes_part()
    {
        if (Workers.Count < 2) return;   // one core: there is no worker to wake (For runs inline by design)
        var asleep = System.Diagnostics.Stopwatch.StartNew();
        while (Workers.Sleeping < Workers.Count - 1)
        {
            Assert.True(asleep.Elapsed < Patience, $"only {Workers.Sleeping} of {Workers.Count - 1} workers went to sleep in {Patience.TotalSeconds} s with no job");
            Thread.Sleep(1);
        }
        var wakeUps = Workers.WakeUps;
        var caller = Environment.CurrentManagedThreadId;
        using var takenByWorker = new ManualResetEventSlim(false);
        var workerItems = 0;
        var callerWaited = true;
        Workers.For(2, _ =>
        {
            if (Environment.CurrentManagedThreadId != caller) { Interlocked.Increment(ref workerItems); takenByWorker.Set(); }
            else callerWaited = takenByWorker.Wait(Patience);   // the caller cannot take the other item while it waits here
        });
        Assert.True(callerWaited, $"no worker took an item within {Patience.TotalSeconds} s of being woken");
        Assert.True(workerItems >= 1, "no worker took an item");
        Assert.True(Workers.WakeUps > wakeUps, $"a worker took part but the pool counted no wake-up ({wakeUps} before, {Workers.WakeUps} after)");
    }

    [Fact]
    public void A_caller_left_waiting_for_a_late_worker_blocks_instead_of_spinning_and_is_woken_when_it_finishes()
    {
        if (Workers.Count < 2) return;
        var blocks = Workers.CallerBlocks;
        var caller = Environment.CurrentManagedThreadId;
        using var takenByWorker = new ManualResetEventSlim(false);
        using var release = new ManualResetEventSlim(false);
        // The worker's item lasts until the caller has blocked (or the patience runs out, and the test fails): a late
        // worker, without assuming how long anything takes.
        var watcher = new Thread(() =>
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (Workers.CallerBlocks == blocks && waited.Elapsed < Patience) Thread.Sleep(1);
            release.Set();
        });
        watcher.Start();
        var finished = new int[2];
        Workers.For(2, i =>
        {
            if (Environment.CurrentManagedThreadId != caller) { takenByWorker.Set(); release.Wait(Patience); }
            else Assert.True(takenByWorker.Wait(Patience), "no worker took the other item");
            Interlocked.Increment(ref finished[i]);
        });
        watcher.Join();
        Assert.All(finished, f => Assert.Equal(1, f));
        Assert.True(Workers.CallerBlocks > blocks, "the caller kept spinning while the worker's item ran");
    }
}
