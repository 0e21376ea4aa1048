using LanguageExt;
using PureNet;

namespace PureNet.Tests;

public class SearchTests
{
    static double Bowl(Map<string, double> h) => -Math.Pow(Math.Log10(h["lr"]) + 2, 2) - Math.Pow(h["wd"] - 0.3, 2);

    [Fact]
    public void Grid_search_tries_every_combination_and_sorts_best_first()
    {
        var r = Search.Grid([("lr", [1e-3, 1e-2, 1e-1]), ("wd", [0.0, 0.3, 1.0])], Bowl);
        Assert.Equal(9, r.Trials.Count);
        Assert.Equal((1e-2, 0.3), (r.Best.Hyperparameters["lr"], r.Best.Hyperparameters["wd"]));
        Assert.Equal(0.0, r.Best.Score);
        Assert.True(r.Trials.Zip(r.Trials.Tail).All(p => p.Item1.Score >= p.Item2.Score));
        Assert.Equal(Enumerable.Range(0, 9), r.Trials.Map(t => t.Index).OrderBy(i => i));
        var min = Search.Grid([("lr", [1e-3, 1e-2, 1e-1]), ("wd", [0.0, 0.3, 1.0])], h => -Bowl(h), maximize: false);
        Assert.Equal(r.Best.Hyperparameters, min.Best.Hyperparameters);
        var table = r.ToString().Split('\n');
        Assert.Contains("rank", table[0]);
        Assert.Contains("lr", table[0]);
        Assert.Contains("score", table[0]);
        Assert.Contains("0.01", table[1]);
    }

    [Fact]
    public void Random_search_is_seeded_and_log_uniform_spreads_over_decades()
    {
        Dimension[] space = [new Dimension.LogUniform("lr", 1e-5, 1e-1), new Dimension.Uniform("wd", 0, 1), new Dimension.Choice("width", 16, 32, 64)];
        var a = Search.Random(space, 400, seed: 3, Bowl);
        var b = Search.Random(space, 400, seed: 3, Bowl);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Trials.Map(t => t.Hyperparameters), Search.Random(space, 400, seed: 4, Bowl).Trials.Map(t => t.Hyperparameters));
        var decades = a.Trials.Map(t => (int)Math.Floor(Math.Log10(t.Hyperparameters["lr"]))).GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([-5, -4, -3, -2], decades.Keys.Order());
        Assert.All(decades.Values, c => Assert.InRange(c, 70, 130));      // 100 expected per decade
        Assert.All(a.Trials, t => Assert.Contains(t.Hyperparameters["width"], new[] { 16.0, 32, 64 }));
        Assert.True(a.Best.Score > -0.05, $"best {a.Best}");
    }

    [Fact]
    public void Random_search_picks_a_learning_rate_that_trains()
    {
        // Adam for 30 steps on f(x) = Σ (x − 3)²: too small a rate barely moves, and the search finds one that does.
        var r = Search.Random([new Dimension.LogUniform("lr", 1e-4, 1)], 12, seed: 1, h =>
        {
            var adam = new Adam(h["lr"]);
            var p = ParamTrees.Of(("x", Tensor.Zeros<double>(new Shape(3))));
            var s = adam.Init(p);
            for (var i = 0; i < 30; i++) (p, s) = adam.Step(p.Map(x => (x - 3.0) * 2.0), s, p);
            return p["x"].ToArray().Sum(v => (v - 3) * (v - 3));
        }, maximize: false);
        Assert.True(r.Best.Hyperparameters["lr"] > 0.05, r.ToString());
        Assert.True(r.Trials.Last.Hyperparameters["lr"] < r.Best.Hyperparameters["lr"]);
    }
}
