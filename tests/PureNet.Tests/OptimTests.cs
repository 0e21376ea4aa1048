using System.Numerics;
using System.Text.Json;
using LanguageExt;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

public class OptimTests
{
    // Three fixed gradients for a two-element parameter, so each step can be written out by hand.
    static readonly double[] X0 = [1.0, -2.0];
    static readonly double[][] G = [[0.5, -1.0], [0.25, 2.0], [-1.0, 0.5]];

    static ParamTree<T> Tree<T>(double[] v) where T : unmanaged, IFloatingPointIeee754<T> =>
        ParamTrees.Of(("w", Tensor.FromArray([.. v.Select(T.CreateChecked)])));

    /// <summary>Runs three updates with the fixed gradients; returns the parameters after each.</summary>
    static double[][] ThreeSteps<T>(IGradientTransform opt) where T : unmanaged, IFloatingPointIeee754<T> => Steps<T>(opt, X0, G);

    static double[][] Steps<T>(IGradientTransform opt, double[] x0, double[][] grads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var p = Tree<T>(x0);
        var s = opt.Init(p);
        var path = new List<double[]>();
        foreach (var g in grads)
        {
            (p, s) = opt.Step(Tree<T>(g), s, p);
            path.Add([.. p["w"].ToArray().Select(v => double.CreateChecked(v))]);
        }
        return [.. path];
    }

    /// <summary>The same three steps by the textbook scalar formula, element by element.</summary>
    static double[][] ByHand(Func<int, double, double, double[], (double X, double[] State)> step, int stateSize) => ByHand(step, stateSize, X0, G);

    static double[][] ByHand(Func<int, double, double, double[], (double X, double[] State)> step, int stateSize, double[] x0, double[][] grads)
    {
        var x = (double[])x0.Clone();
        var state = x0.Select(_ => new double[stateSize]).ToArray();
        var path = new List<double[]>();
        for (var t = 0; t < grads.Length; t++)
        {
            for (var i = 0; i < x.Length; i++) (x[i], state[i]) = step(t + 1, x[i], grads[t][i], state[i]);
            path.Add((double[])x.Clone());
        }
        return [.. path];
    }

    static void Same(double[][] expected, double[][] actual, double tol)
    {
        for (var t = 0; t < expected.Length; t++)
            for (var i = 0; i < expected[t].Length; i++)
                Assert.True(Math.Abs(expected[t][i] - actual[t][i]) <= tol * (1 + Math.Abs(expected[t][i])),
                    $"step {t + 1}, element {i}: expected {expected[t][i]}, got {actual[t][i]}");
    }

    public static TheoryData<string> Names() => [.. Optimizers.Names];

    static (IGradientTransform Opt, Func<int, double, double, double[], (double, double[])> Hand, int StateSize) Case(string name) => name switch
    {
        "sgd" => (new Sgd(0.1), (t, x, g, s) => (x - 0.1 * g, s), 0),
        "momentum" => (new Momentum(0.1, 0.9), (t, x, g, s) => { var v = 0.9 * s[0] - 0.1 * g; return (x + v, [v]); }, 1),
        "nesterov" => (new Momentum(0.1, 0.9, Nesterov: true), (t, x, g, s) => { var v = 0.9 * s[0] - 0.1 * g; return (x - 0.9 * s[0] + 1.9 * v, [v]); }, 1),
        "sgd-momentum" => (new SgdMomentum(0.1, 0.9), (t, x, g, s) => { var b = 0.9 * s[0] + g; return (x - 0.1 * b, [b]); }, 1),
        "sgd-nesterov" => (new SgdMomentum(0.1, 0.9, Nesterov: true), (t, x, g, s) => { var b = 0.9 * s[0] + g; return (x - 0.1 * (g + 0.9 * b), [b]); }, 1),
        "adagrad" => (new AdaGrad(0.1), (t, x, g, s) => { var c = s[0] + g * g; return (x - 0.1 * g / (Math.Sqrt(c) + 1e-10), [c]); }, 1),
        "rmsprop" => (new RmsProp(0.01, 0.9), (t, x, g, s) => { var c = 0.9 * s[0] + 0.1 * g * g; return (x - 0.01 * g / (Math.Sqrt(c) + 1e-8), [c]); }, 1),
        "adam" => (new Adam(0.1), (t, x, g, s) => AdamByHand(t, x, g, s, 0), 2),
        "adamw" => (new Adam(0.1, WeightDecay: 0.5), (t, x, g, s) => AdamByHand(t, x, g, s, 0.5), 2),
        _ => throw new ArgumentException(name),
    };

    static (double, double[]) AdamByHand(int t, double x, double g, double[] s, double wd)
    {
        var m = 0.9 * s[0] + 0.1 * g;
        var v = 0.999 * s[1] + 0.001 * g * g;
        var mHat = m / (1 - Math.Pow(0.9, t));
        var vHat = v / (1 - Math.Pow(0.999, t));
        return (x - 0.1 * wd * x - 0.1 * mHat / (Math.Sqrt(vHat) + 1e-8), [m, v]);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void First_three_steps_equal_the_formula_by_hand_in_double_and_float(string name)
    {
        var (opt, hand, size) = Case(name);
        var expected = ByHand(hand, size);
        Same(expected, ThreeSteps<double>(opt), 1e-12);
        Same(expected, ThreeSteps<float>(opt), 1e-6);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void On_long_tensors_every_SIMD_lane_and_the_scalar_tail_follow_the_formula(string name)
    {
        // 67 elements: whole SIMD vectors of every width (4, 8, 16 lanes) and a scalar tail.
        const int n = 67;
        double[] x0 = [.. Enumerable.Range(0, n).Select(i => Math.Sin(i))];
        double[][] grads = [.. Enumerable.Range(0, 3).Select(t => Enumerable.Range(0, n).Select(i => Math.Cos(3 * i + t) * (1 + i % 5)).ToArray())];
        var (opt, hand, size) = Case(name);
        var expected = ByHand(hand, size, x0, grads);
        Same(expected, Steps<double>(opt, x0, grads), 1e-12);
        Same(expected, Steps<float>(opt, x0, grads), 1e-5);
    }

    [Fact]
    public void Adam_defaults_and_bias_correction_against_literal_values()
    {
        var adam = new Adam(0.001);
        Assert.Equal((0.9, 0.999, 1e-8, 0.0), (adam.Beta1, adam.Beta2, adam.Eps, adam.WeightDecay));
        Assert.Equal(adam, Optimizers.Adam());
        // Step 1: m̂ = g and v̂ = g², so the update is −η·g/(|g| + ε) ≈ −η·sign(g), whatever the scale of g.
        var p = ParamTrees.Of(("w", Tensor.FromArray(0.0, 0.0)));
        var s = adam.Init(p);
        var (u1, s1) = adam.Update(ParamTrees.Of(("w", Tensor.FromArray(1e-3, -50.0))), s, p);
        Assert.Equal(-0.001 * 1e-3 / (1e-3 + 1e-8), u1["w"][0], 15);
        Assert.Equal(0.001 * 50 / (50 + 1e-8), u1["w"][1], 15);
        // Step 2 with g = 0.5 after g = 1e-3: m = 0.9·1e-4 + 0.05 = 0.05009, v = 0.999·1e-9 + 0.00025 = 0.000250000999,
        // m̂ = m / 0.19, v̂ = v / 0.001999, u = −0.001·m̂/(√v̂ + 1e-8)
        var (u2, s2) = adam.Update(ParamTrees.Of(("w", Tensor.FromArray(0.5, 0.0))), s1, p);
        Assert.Equal(0.05009, s2.Slot("m", "test")["w"][0], 15);
        Assert.Equal(0.000250000999, s2.Slot("v", "test")["w"][0], 15);
        Assert.Equal(-0.001 * (0.05009 / 0.19) / (Math.Sqrt(0.000250000999 / 0.001999) + 1e-8), u2["w"][0], 15);
        Assert.Equal(2, s2.Count);
    }

    [Fact]
    public void Nesterov_in_both_forms_gives_the_same_trajectory()
    {
        // f(x) = ½ xᵀAx − bᵀx with an ill-conditioned A; the rewritten form stores the look-ahead point x̃ = x + μv.
        var a = Tensor.FromRows([3.0, 0.5], [0.5, 0.2]);
        var b = Tensor.FromArray(1.0, -1.0);
        var w = Variable("x", 2);
        var f = 0.5 * Sum(w * Reshape(MatMul(a.Let("A"), Reshape(w, 2, 1)), 2)) - Sum(Const(b) * w);
        var grad = Plan.Compile(Grad(f, w));
        ParamTree<double> G(ParamTree<double> x) => ParamTrees.Of(("x", grad.Run(x.Tensors.Add("A", a))[0]));

        var look = new NesterovLookAhead(0.1, 0.9);
        var rewritten = new Momentum(0.1, 0.9, Nesterov: true);
        var x = ParamTrees.Of(("x", Tensor.FromArray(2.0, 3.0)));
        var (x1, s1) = (x, look.Init(x));
        var (x2, s2) = (x, rewritten.Init(x));
        for (var t = 0; t < 50; t++)
        {
            (x1, s1) = look.Step(G(look.LookAhead(x1, s1)), s1, x1);
            (x2, s2) = rewritten.Step(G(x2), s2, x2);
            var lookAheadPoint = look.LookAhead(x1, s1);
            Close.Equal(lookAheadPoint["x"], x2["x"], 1e-12);
            Close.Equal(s1.Slot("v", "t")["x"], s2.Slot("v", "t")["x"], 1e-12);
        }
        Assert.True(x1.GlobalNorm() > 0);
    }

    [Fact]
    public void Chain_equals_applying_its_parts_in_turn_and_clips_before_the_step()
    {
        var p = ParamTrees.Of(("a", Tensor.FromArray(1.0, -1.0)), ("b", Tensor.FromArray(2.0)));
        var g = ParamTrees.Of(("a", Tensor.FromArray(3.0, 4.0)), ("b", Tensor.FromArray(12.0)));
        var clip = new ClipByGlobalNorm(1);
        var decay = new AddWeightDecay(1e-2);
        var adam = new Adam(1e-2);
        var chain = Optim.Chain(clip, decay, adam);
        var (u, s) = chain.Update(g, chain.Init(p), p);
        var (g1, _) = clip.Update(g, clip.Init(p), p);
        Assert.Equal(1.0, g1.GlobalNorm(), 12);            // ‖(3, 4, 12)‖ = 13 → scaled by 1/13
        var (g2, _) = decay.Update(g1, decay.Init(p), p);
        Close.Equal(Tensor.FromArray(3 / 13.0 + 0.01, 4 / 13.0 - 0.01), g2["a"]);
        var (u3, _) = adam.Update(g2, adam.Init(p), p);
        Assert.Equal(u3, u);
        Assert.Equal(3, s.Parts.Length);
        Assert.Equal(1, s.Count);
    }

    [Fact]
    public void Max_norm_projection_after_the_step_and_clipping_by_value()
    {
        var p = ParamTrees.Of(("l.W", Tensor.FromArray(3.0, 0.0)), ("l.b", Tensor.FromArray(5.0)));
        var u = ParamTrees.Of(("l.W", Tensor.FromArray(0.0, 4.0)), ("l.b", Tensor.FromArray(1.0)));
        var proj = new MaxNormProjection(2.5, OnlyNamesEndingWith: ".W");
        var (v, _) = proj.Update(u, proj.Init(p), p);
        var next = Optim.Apply(p, v);
        Close.Equal(Tensor.FromArray(1.5, 2.0), next["l.W"]);  // (3, 4) has norm 5 → scaled to 2.5
        Assert.Equal(6.0, next["l.b"][0]);                      // not projected
        Assert.Equal(next["l.W"], Regularizers.MaxNorm(Optim.Apply(p, u)["l.W"], 2.5));
        var (c, _) = new ClipByValue(1).Update(u, OptState<double>.Empty, p);
        Assert.Equal(Tensor.FromArray(0.0, 1.0), c["l.W"]);
    }

    /// <summary>Each PureNet optimizer with the torch.optim configuration (a key of torch_optim.json) it must reproduce.</summary>
    static readonly (string Torch, IGradientTransform Optimizer)[] TorchConfigs =
    [
        ("sgd", new Sgd(0.1)), ("momentum", new Momentum(0.1, 0.9)), ("nesterov", new Momentum(0.1, 0.9, Nesterov: true)),
        ("adagrad", new AdaGrad(0.1)), ("rmsprop", new RmsProp(0.01)), ("adam", new Adam(0.01)), ("adamw", Optimizers.AdamW(0.01, weightDecay: 0.1)),
        // torch's form of momentum: equal to the seed's form at a constant rate, and to torch under a step schedule.
        ("momentum", new SgdMomentum(0.1, 0.9)), ("nesterov", new SgdMomentum(0.1, 0.9, Nesterov: true)),
        ("momentum_step_lr", new SgdMomentum(new LrSchedule.StepDecay(0.1, 0.5, 3), 0.9)),
        ("nesterov_step_lr", new SgdMomentum(new LrSchedule.StepDecay(0.1, 0.5, 3), 0.9, Nesterov: true)),
        ("sgd_dampening", new SgdMomentum(0.1, 0.9, Dampening: 0.3)),
        ("rmsprop_momentum", new RmsProp(0.01, Momentum: 0.9)),
        ("rmsprop_centered", new RmsProp(0.01, Centered: true)),
        ("rmsprop_centered_momentum", new RmsProp(0.01, Decay: 0.9, Eps: 1e-6, Momentum: 0.5, Centered: true)),
        ("adam_amsgrad", new Adam(0.1, Beta2: 0.5, AmsGrad: true)), ("adam_beta2_half", new Adam(0.1, Beta2: 0.5)),
        ("adamw_amsgrad", Optimizers.AdamW(0.1, beta2: 0.5, weightDecay: 0.1, amsgrad: true)),
        ("adamw_no_decay", Optimizers.AdamW(0.01, weightDecay: 0)),
        ("adagrad_lr_decay", new AdaGrad(0.1, LrDecay: 0.05)),
        ("adagrad_initial_accumulator", new AdaGrad(0.1, InitialAccumulatorValue: 0.2)),
    ];

    static JsonElement TorchTrajectories()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "torch_optim.json")));
        return doc.RootElement.GetProperty("trajectories").Clone();
    }

    /// <summary>Ten steps of torch_optim.py's problem (tanh regression, closed-form data) in double; the parameters after each step.</summary>
    static List<ParamTree<double>> TorchProblemTrajectory(IGradientTransform opt, int steps)
    {
        const int n = 4, d = 2, k = 3;
        var xs = Tensor.FromArray<double>(new Shape(n, d), [.. Enumerable.Range(0, n * d).Select(i => Math.Sin(1 + 2 * (i / d) + i % d))]);
        var ys = Tensor.FromArray<double>(new Shape(n, k), [.. Enumerable.Range(0, n * k).Select(i => 0.5 * Math.Cos(i / k + 3 * (i % k)))]);
        var w = Variable("w", d, k);
        var b = Variable("b", k);
        var loss = Mean(Square(Tanh(MatMul(Variable("x", n, d), w) + b) - Variable("y", n, k)));
        var step = ValueAndGrad(loss, w, b);
        var p = ParamTrees.Of(("w", Tensor.FromArray<double>(new Shape(d, k), [.. Enumerable.Range(0, d * k).Select(i => 0.1 * i - 0.2)])),
                              ("b", Tensor.FromArray<double>([.. Enumerable.Range(0, k).Select(i => 0.05 * i)])));
        var s = opt.Init(p);
        var path = new List<ParamTree<double>>();
        for (var t = 0; t < steps; t++)
        {
            var r = step.Invoke(p.Tensors.Add("x", xs).Add("y", ys));
            (p, s) = opt.Step(r.GradTree(), s, p);
            path.Add(p);
        }
        return path;
    }

    /// <summary>The largest elementwise distance between a PureNet trajectory and torch's, and where it is.</summary>
    static (double Distance, string Where) Distance(List<ParamTree<double>> ours, JsonElement torch)
    {
        var (worst, at) = (0.0, "");
        foreach (var (reference, t) in torch.EnumerateArray().Select((e, t) => (e, t)))
            foreach (var param in new[] { "w", "b" })
            {
                var expected = reference.GetProperty(param).EnumerateArray().Select(e => e.GetDouble()).ToArray();
                var actual = ours[t][param].ToArray();
                Assert.Equal(expected.Length, actual.Length);
                for (var i = 0; i < expected.Length; i++)
                    if (!(Math.Abs(expected[i] - actual[i]) <= worst))
                        (worst, at) = (Math.Abs(expected[i] - actual[i]), $"step {t + 1} {param}[{i}]: torch {expected[i]}, PureNet {actual[i]}");
            }
        return (worst, at);
    }

    [Fact]
    public void Trajectories_equal_torch_optim_in_double()
    {
        var torch = TorchTrajectories();
        Assert.Equal(TorchConfigs.Select(c => c.Torch).Distinct().Order(), torch.EnumerateObject().Select(o => o.Name).Order());
        foreach (var (name, opt) in TorchConfigs)
        {
            var reference = torch.GetProperty(name);
            var (distance, where) = Distance(TorchProblemTrajectory(opt, reference.GetArrayLength()), reference);
            Assert.True(distance <= 1e-10, $"{name} with {opt}: {where}");
        }
    }

    [Fact]
    public void Under_a_step_schedule_only_the_torch_form_of_momentum_matches_torch()
    {
        var torch = TorchTrajectories();
        foreach (var (key, nesterov) in new[] { ("momentum_step_lr", false), ("nesterov_step_lr", true) })
        {
            var reference = torch.GetProperty(key);
            var schedule = new LrSchedule.StepDecay(0.1, 0.5, 3);
            var (torchForm, _) = Distance(TorchProblemTrajectory(new SgdMomentum(schedule, 0.9, Nesterov: nesterov), 10), reference);
            var (seedForm, where) = Distance(TorchProblemTrajectory(new Momentum(schedule, 0.9, nesterov), 10), reference);
            Assert.True(torchForm <= 1e-10, $"{key}: SgdMomentum is {torchForm} from torch");
            // v ← μv − ηg keeps the old rate inside v, so after the first halving (step 4) the two paths part.
            Assert.True(seedForm > 1e-3, $"{key}: Momentum should differ from torch under a step schedule, but is only {seedForm} away ({where})");
        }
    }

    [Fact]
    public void Param_trees_map_zip_fold_norm_count_cast_and_union()
    {
        var a = ParamTrees.Of(("x", Tensor.FromArray(3.0, 4.0)), ("y", Tensor.FromArray<double>(new Shape(2, 2), [0, 0, 0, 12])));
        Assert.Equal(2, a.Count);
        Assert.Equal(6, a.Size);
        Assert.Equal(13.0, a.GlobalNorm(), 14);
        Assert.Equal(Seq("x", "y"), a.Names);
        Assert.Equal(19.0, a.Fold(0.0, (s, _, t) => s + t.ToArray().Sum()));
        Assert.Equal(a * 2.0, a.ZipWith(a, (p, q) => p + q));
        Assert.Equal(a, a.Cast<float>().Cast<double>());
        Assert.Equal(13f, a.Cast<float>().GlobalNorm(), 5);
        // The norm scales before squaring: values whose squares overflow (float) or underflow (double) still give the right norm.
        Assert.Equal(1.0, ParamTrees.Of(("big", Tensor.FromArray(3e30f, 4e30f))).GlobalNorm() / 5e30, 6);
        Assert.Equal(5e-200, ParamTrees.Of(("tiny", Tensor.FromArray(3e-200, 4e-200))).GlobalNorm(), 1e-210);
        var dense = new Dense("l1", 2, 3).Init(Rng.FromSeed(1)).Params;
        var model = ParamTrees.Union<float>(dense, new Dense("l2", 3, 1).Init(Rng.FromSeed(2)).Params);
        Assert.Equal(Seq("l1.W", "l1.b", "l2.W", "l2.b"), model.Names);
        var ex = Assert.Throws<ArgumentException>(() => ParamTrees.Union<float>(dense, dense));
        Assert.Contains("'l1.", ex.Message);
    }

    static Seq<string> Seq(params string[] xs) => Prelude.toSeq(xs).Strict();
}

internal static class TestExprs
{
    /// <summary>A matrix bound as a variable named <paramref name="name"/> (so tests can write A·x with A from the bindings).</summary>
    public static Expr Let(this Tensor<double> t, string name) => Fn.Variable(name, t.Shape);
}

public class OptimOptionTests
{
    static ParamTree<T> Tree<T>(params double[] v) where T : unmanaged, IFloatingPointIeee754<T> =>
        ParamTrees.Of(("w", Tensor.FromArray([.. v.Select(T.CreateChecked)])));

    /// <summary>Parameters after <paramref name="steps"/> updates with the same gradient.</summary>
    static ParamTree<T> Constant<T>(IGradientTransform opt, ParamTree<T> g, int steps, ParamTree<T> p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = opt.Init(p);
        for (var i = 0; i < steps; i++) (p, s) = opt.Step(g, s, p);
        return p;
    }

    [Fact]
    public void Centered_RmsProp_stays_finite_when_the_gradient_stops_varying()
    {
        // c − a² → 0 for a constant gradient and rounding makes it slightly negative; torch's √ then gives NaN. It is
        // clamped at 0, the variance it stands for. 19 elements: both the SIMD lanes and the scalar tail.
        var g = Tree<float>([.. Enumerable.Range(0, 19).Select(i => 0.1 + 0.37 * i)]);
        var p = Constant(new RmsProp(0.01, Decay: 0.9, Centered: true), g, 400, g * 0f);
        Assert.All(p["w"].ToArray(), v => Assert.True(float.IsFinite(v), $"{v}"));
    }

    [Fact]
    public void AmsGrad_keeps_the_largest_second_moment_and_NaN_as_torch_maximum_does()
    {
        var adam = new Adam(0.1, Beta2: 0.5, AmsGrad: true);
        var p = Tree<double>([.. Enumerable.Range(0, 19).Select(_ => 0.0)]);
        var s = adam.Init(p);
        (_, s) = adam.Step(Tree<double>([.. Enumerable.Range(0, 19).Select(_ => 2.0)]), s, p);
        (_, s) = adam.Step(Tree<double>([.. Enumerable.Range(0, 19).Select(_ => 0.1)]), s, p);
        // v after the small gradient is 0.5·2 + 0.5·0.01 = 1.005; v̂ stays at max(2, 1.005) = 2.
        Assert.All(s.Slots["v"]["w"].ToArray(), v => Assert.Equal(1.005, v, 12));
        Assert.All(s.Slots["vmax"]["w"].ToArray(), v => Assert.Equal(2.0, v));
        (_, s) = adam.Step(Tree<double>([.. Enumerable.Range(0, 19).Select(_ => double.NaN)]), s, p);
        Assert.All(s.Slots["vmax"]["w"].ToArray(), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void SgdMomentum_starts_its_buffer_at_the_gradient_then_damps()
    {
        // torch: b₁ = g₁ (no dampening on the first step), b₂ = μb₁ + (1 − τ)g₂; x ← x − ηb.
        var opt = new SgdMomentum(0.5, 0.9, Dampening: 0.25);
        var p = Tree<double>(1.0);
        var s = opt.Init(p);
        (p, s) = opt.Step(Tree<double>(2.0), s, p);
        Assert.Equal(1.0 - 0.5 * 2.0, p["w"][0], 15);
        (p, _) = opt.Step(Tree<double>(4.0), s, p);
        Assert.Equal(0.0 - 0.5 * (0.9 * 2.0 + 0.75 * 4.0), p["w"][0], 15);
    }

    [Fact]
    public void AdaGrad_decays_its_rate_and_starts_from_the_initial_accumulator()
    {
        var opt = new AdaGrad(1.0, Eps: 1e-10, LrDecay: 0.5, InitialAccumulatorValue: 3.0);
        var p = Tree<double>(0.0);
        var s = opt.Init(p);
        Assert.Equal(3.0, s.Slots["cache"]["w"][0]);
        (p, s) = opt.Step(Tree<double>(1.0), s, p);                         // c = 4, rate 1/(1 + 0·0.5)
        Assert.Equal(-1.0 / (2 + 1e-10), p["w"][0], 15);
        (p, _) = opt.Step(Tree<double>(3.0), s, p);                         // c = 13, rate 1/(1 + 1·0.5)
        Assert.Equal(-1.0 / (2 + 1e-10) - 3.0 / 1.5 / (Math.Sqrt(13) + 1e-10), p["w"][0], 14);
    }
}
