using PureNet;

namespace PureNet.Tests;

public class ScheduleTests
{
    [Fact]
    public void Each_schedule_follows_its_formula()
    {
        Assert.Equal(0.1, ((LrSchedule)0.1).At(12345));
        Assert.Equal([1.0, 1, 1, 0.5, 0.5, 0.5, 0.25], Enumerable.Range(0, 7).Select(t => new LrSchedule.StepDecay(1, 0.5, 3).At(t)));
        Assert.Equal(2 * Math.Exp(-0.3), new LrSchedule.Exponential(2, 0.1).At(3), 15);
        Assert.Equal(1.0 / (1 + 0.5 * 4), new LrSchedule.InverseTime(1, 0.5).At(4), 15);
        var cosine = new LrSchedule.Cosine(1, 100, Final: 0.1);
        Assert.Equal(1.0, cosine.At(0), 15);
        Assert.Equal(0.55, cosine.At(50), 15);
        Assert.Equal(0.1, cosine.At(100), 15);
        Assert.Equal(0.1, cosine.At(1000), 15);
        var warm = new LrSchedule.Warmup(cosine, 10);
        Assert.Equal([0.0, 0.1, 0.5, 0.9], new[] { 0, 1, 5, 9 }.Select(t => Math.Round(warm.At(t), 12)));
        Assert.Equal(cosine.At(0), warm.At(10));
        Assert.Equal(cosine.At(40), warm.At(50));
    }

    [Fact]
    public void Any_schedule_drives_any_optimizer_through_the_step_count()
    {
        // SGD with a step-decay rate: the updates are −η_t·g with η_t read at steps 0, 1, 2, 3.
        var sgd = new Sgd(new LrSchedule.StepDecay(1, 0.5, 2));
        var p = ParamTrees.Of(("w", Tensor.FromArray(0.0)));
        var g = ParamTrees.Of(("w", Tensor.FromArray(1.0)));
        var s = sgd.Init(p);
        var updates = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            (var u, s) = sgd.Update(g, s, p);
            updates.Add(u["w"][0]);
        }
        Assert.Equal([-1.0, -1, -0.5, -0.5], updates);
        foreach (var name in Optimizers.Names)
            foreach (var schedule in Schedules.Names)
            {
                var opt = Optimizers.ByName(name, Schedules.ByName(schedule, 0.1, totalSteps: 10, every: 2, warmupSteps: 2));
                var (u, s1) = opt.Update(g, opt.Init(p), p);
                Assert.True(u["w"][0] <= 0, $"{name} with {schedule}");
                Assert.Equal(1, s1.Count);
            }
    }

    public static TheoryData<string> OptimizerNames() => [.. Optimizers.Names];

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void Every_optimizer_converges_on_a_quadratic(string name)
    {
        // f(x) = ½ Σ cᵢ(xᵢ − 1)² with curvatures 1 and 4, from 0; rate 0.1 for all (SGD-family stable for c ≤ 4).
        var c = Tensor.FromArray(1.0, 4.0);
        var opt = Optimizers.ByName(name, name is "adagrad" ? 0.5 : 0.1);
        var p = ParamTrees.Of(("x", Tensor.FromArray(0.0, 0.0)));
        var s = opt.Init(p);
        for (var i = 0; i < 500; i++)
        {
            var at = opt.LookAhead(p, s);
            (p, s) = opt.Step(at.Map(x => c * (x - 1.0)), s, p);
        }
        Assert.All(p["x"].ToArray(), v => Assert.True(Math.Abs(v - 1) < 1e-3, $"{name} ended at {p["x"]}"));
    }
}
