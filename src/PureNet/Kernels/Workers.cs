using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace PureNet;

/// <summary>
/// Fork-join over dedicated worker threads, one per extra core. A training step runs dozens of parallel kernels of
/// 20–500 µs each; waking thread-pool threads for every one of them (Parallel.For) costs a large share of that, so
/// the workers spin briefly between jobs (as OpenMP runtimes do) and only then sleep. The calling thread takes part.
/// A call made while another job runs (a nested call, or a second thread calling a plan) runs inline instead: the
/// cores are busy anyway, and one job at a time keeps the pool free of locks.
/// On a busy machine a worker may be descheduled in the middle of an item. Items are claimed one at a time, so the
/// threads that run take whatever is left; and the caller, once nothing is left to take, spins only briefly for the
/// items still running and then blocks, so it does not hold a core the late worker needs.
/// </summary>
internal static class Workers
{
    /// <summary>How long an idle worker spins for the next job before it sleeps.</summary>
    static readonly long SpinTicks = Stopwatch.Frequency / 5000;   // 200 µs

    /// <summary>How long the caller spins for items other threads still run before it blocks: longer than a kernel's last item on a quiet machine, far shorter than a scheduler's time slice.</summary>
    static readonly long CallerSpinTicks = Stopwatch.Frequency / 20000;   // 50 µs

    sealed class Job(int count, Action<int> body)
    {
        readonly int count = count;
        int next = -1, remaining = count, callerBlocked;
        ExceptionDispatchInfo? failure;
        ManualResetEventSlim? finished;                            // made only when the caller blocks: most jobs end while it spins

        public bool Done => Volatile.Read(ref remaining) == 0;

        /// <summary>Waits until every item has finished: spins for <see cref="CallerSpinTicks"/>, then sleeps until the thread that finishes the last item wakes it.</summary>
        public void WaitDone()
        {
            var until = Stopwatch.GetTimestamp() + CallerSpinTicks;
            var spin = new SpinWait();
            while (!Done)
            {
                if (Stopwatch.GetTimestamp() < until) { spin.SpinOnce(-1); continue; }
                finished = new ManualResetEventSlim(false, spinCount: 0);
                Interlocked.Exchange(ref callerBlocked, 1);          // a full fence: event and flag are set before remaining is re-read (pairs with Work)
                if (Done) return;
                Interlocked.Increment(ref callerBlocks);             // counted as it blocks, so a test can see it while blocked
                finished.Wait();
                return;
            }
        }

        /// <summary>Takes items until none are left; every thread that joins the job runs this.</summary>
        public void Work()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                try { body(i); }
                catch (Exception e) { Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null); }
                finally
                {
                    // Interlocked is a full fence: the count is published before the flag is read (pairs with WaitDone).
                    if (Interlocked.Decrement(ref remaining) == 0 && Volatile.Read(ref callerBlocked) == 1) finished!.Set();
                }
            }
        }

        public void ThrowIfFailed() => failure?.Throw();
    }

    sealed class Worker
    {
        public readonly ManualResetEventSlim Wake = new(false);
        public volatile bool Sleeping;
    }

    static Job? current;
    static int busy;
    static readonly Worker[] Pool = Start(Environment.ProcessorCount - 1);

    public static int Count => Pool.Length + 1;

    /// <summary>How many workers are asleep now (waiting for For to wake them): state a test can wait for, instead of sleeping and hoping.</summary>
    internal static int Sleeping => Pool.Count(w => w.Sleeping);

    /// <summary>How many times a worker has left its sleep to work again (counted on the sleeping path only, so the hot path pays nothing).</summary>
    internal static long WakeUps => Interlocked.Read(ref wakeUps);

    static long wakeUps;

    /// <summary>How many times a caller has stopped spinning and blocked until the last item of its job finished (counted when it blocks).</summary>
    internal static long CallerBlocks => Interlocked.Read(ref callerBlocks);

    static long callerBlocks;

    /// <summary>
    /// Part <paramref name="part"/> of <paramref name="total"/> items cut into <paramref name="parts"/> near-equal
    /// consecutive ranges: [start, end). In 64-bit, so total·part cannot overflow for any int sizes.
    /// </summary>
    public static (int Start, int End) Part(int total, int parts, int part) =>
        ((int)((long)total * part / parts), (int)((long)total * (part + 1) / parts));

    /// <summary>Runs <paramref name="body"/>(0 .. count−1) across all cores and returns when every call has finished.</summary>
    public static void For(int count, Action<int> body)
    {
        if (count <= 0) return;
        var job = new Job(count, body);
        if (count == 1 || Pool.Length == 0 || Interlocked.CompareExchange(ref busy, 1, 0) != 0)
        {
            // Inline, with the same contract: every index runs, then the first failure is rethrown.
            job.Work();
            job.ThrowIfFailed();
            return;
        }
        try
        {
            Volatile.Write(ref current, job);
            Interlocked.MemoryBarrier();                     // publish the job before reading the sleep flags (pairs with Wait)
            foreach (var w in Pool)
                if (w.Sleeping) w.Wake.Set();
            job.Work();
            job.WaitDone();
        }
        finally
        {
            Volatile.Write(ref current, null);
            Volatile.Write(ref busy, 0);
        }
        job.ThrowIfFailed();
    }

    static Worker[] Start(int workers)
    {
        var pool = new Worker[Math.Max(0, workers)];
        for (var i = 0; i < pool.Length; i++)
        {
            var w = pool[i] = new Worker();
            new Thread(() => Loop(w)) { IsBackground = true, Name = $"PureNet worker {i + 1}" }.Start();
        }
        return pool;
    }

    static void Loop(Worker w)
    {
        Job? seen = null;
        while (true)
        {
            var job = Wait(w, seen);
            seen = job;
            job.Work();
        }
    }

    /// <summary>The next job other than <paramref name="seen"/>: spin first, then sleep until For wakes us.</summary>
    static Job Wait(Worker w, Job? seen)
    {
        while (true)
        {
            var until = Stopwatch.GetTimestamp() + SpinTicks;
            var spin = new SpinWait();
            do
            {
                var job = Volatile.Read(ref current);
                if (job != null && job != seen) return job;
                spin.SpinOnce(-1);
            } while (Stopwatch.GetTimestamp() < until);
            w.Wake.Reset();
            w.Sleeping = true;
            Interlocked.MemoryBarrier();                     // set the flag before re-reading the job (pairs with For)
            var late = Volatile.Read(ref current);
            if (late == null || late == seen) w.Wake.Wait();
            w.Sleeping = false;
            Interlocked.Increment(ref wakeUps);
        }
    }
}
