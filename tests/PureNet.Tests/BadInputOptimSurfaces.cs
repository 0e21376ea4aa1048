using LanguageExt;
using PureNet;
using static PureNet.Fn;
using static PureNet.Tests.BadInput;

namespace PureNet.Tests;

/// <summary>
/// Adversarial calls on the optimizer surfaces (issue 19): hyperparameters that T cannot hold, non-finite values into
/// the norm transforms, null tensors into parameter trees, optimizer states that do not fit, bad starts for the
/// second-order methods, and the new torch options out of range. Each must be refused naming the function, the value and the rule.
/// </summary>
public class BadInputOptimSurfaces
{
    static readonly ParamTree<double> P = ParamTrees.Of(("w", Tensor.FromArray(1.0, 2.0)));
    static readonly ParamTree<float> F = ParamTrees.Of(("w", Tensor.FromArray(1f, 2f)));
    static readonly ParamTree<double> Two = ParamTrees.Of(("a", Tensor.FromArray(1.0)), ("b", Tensor.FromArray(1.0, double.PositiveInfinity)));
    static readonly HashMap<string, Tensor<double>> NullTensor = HashMap<string, Tensor<double>>.Empty.Add("w", null!);
    static readonly Variable X = Variable("x", 2);
    static readonly Expr Quadratic = Sum(Square(X - 1));
    static ParamTree<double> Start(params double[] x) => ParamTrees.Of(("x", Tensor.FromArray(x)));

    /// <summary>A state whose moment tree <paramref name="slot"/> is replaced by <paramref name="tree"/>.</summary>
    static OptState<double> StateWith(IGradientTransform opt, string slot, ParamTree<double> tree)
    {
        var s = opt.Init(P);
        return s with { Slots = s.Slots.SetItem(slot, tree) };
    }

    public static readonly BadCase[] Cases =
    [
        // Finite in double, out of float's range: refused when the element type is known (Init or Update), naming the range.
        new("Sgd 1e300 on float", () => new Sgd(1e300).Init(F), typeof(ArgumentOutOfRangeException), "Sgd", "Lr = 1E+300", "overflows float", "3.4E+38"),
        new("Sgd 1e300 on float at Update", () => new Sgd(1e300).Update(F, OptState<float>.Empty, F), typeof(ArgumentOutOfRangeException), "Sgd", "Lr = 1E+300", "at step 0", "overflows float"),
        new("Adam eps 1e-50 on float", () => new Adam(1e-3, Eps: 1e-50).Init(F), typeof(ArgumentOutOfRangeException), "Adam", "Eps = 1E-50", "underflows float", "1.2E-38"),
        new("Adam 1e300 on float", () => new Adam(1e300).Init(F), typeof(ArgumentOutOfRangeException), "Adam", "Lr / (1 − β₁ᵗ)", "overflows float"),
        new("AdamW eps 1e-50 on float", () => Optimizers.AdamW(1e-3, eps: 1e-50).Init(F), typeof(ArgumentOutOfRangeException), "AdamW", "Eps = 1E-50", "underflows float"),
        new("Momentum 1e300 on float", () => new Momentum(1e300).Init(F), typeof(ArgumentOutOfRangeException), "Momentum", "Lr = 1E+300", "overflows float"),
        new("Momentum mu 1e-50 on float", () => new Momentum(0.1, 1e-50).Init(F), typeof(ArgumentOutOfRangeException), "Momentum", "Mu = 1E-50", "underflows float"),
        new("SgdMomentum 1e300 on float", () => new SgdMomentum(1e300).Init(F), typeof(ArgumentOutOfRangeException), "SgdMomentum", "Lr = 1E+300", "overflows float"),
        new("NesterovLookAhead 1e300 on float", () => new NesterovLookAhead(1e300).Init(F), typeof(ArgumentOutOfRangeException), "NesterovLookAhead", "overflows float"),
        new("RmsProp eps 1e-50 on float", () => new RmsProp(0.01, Eps: 1e-50).Init(F), typeof(ArgumentOutOfRangeException), "RmsProp", "Eps = 1E-50", "underflows float"),
        new("AdaGrad initial accumulator 1e-45 on float", () => new AdaGrad(0.1, InitialAccumulatorValue: 1e-45).Init(F), typeof(ArgumentOutOfRangeException), "AdaGrad", "InitialAccumulatorValue = 1E-45", "underflows float"),
        new("AddWeightDecay 1e300 on float", () => new AddWeightDecay(1e300).Update(F, OptState<float>.Empty, F), typeof(ArgumentOutOfRangeException), "AddWeightDecay", "Lambda = 1E+300", "overflows float"),
        new("Chain of an overflowing part on float", () => Optim.Chain(new ClipByValue(1), new Sgd(1e300)).Init(F), typeof(ArgumentOutOfRangeException), "Sgd", "overflows float"),

        // Norm transforms on ±∞ and NaN: refused like the Regularizers functions, naming the transform, the tensor and the index.
        Arg("ClipByGlobalNorm transform on +∞", () => new ClipByGlobalNorm(1).Update(Two, OptState<double>.Empty, Two.Map(t => t * 0.0)), "ClipByGlobalNorm", "'b'", "Infinity at flat index 1", "norm is undefined"),
        Arg("ClipByGlobalNorm transform on NaN", () => new ClipByGlobalNorm(1).Update(ParamTrees.Of(("w", Tensor.FromArray(1.0, double.NaN))), OptState<double>.Empty, P), "ClipByGlobalNorm", "'w'", "NaN", "flat index 1"),
        Arg("MaxNormProjection transform on −∞", () => new MaxNormProjection(1).Update(ParamTrees.Of(("w", Tensor.FromArray(double.NegativeInfinity, 0.0))), OptState<double>.Empty, P), "MaxNormProjection", "'w'", "-Infinity at flat index 0"),
        Arg("MaxNorm regularizer on +∞ (same check)", () => Regularizers.MaxNorm(Tensor.FromArray(0.0, double.PositiveInfinity), 1), "MaxNorm", "'w'", "Infinity at flat index 1"),

        // Parameter trees: every public entry refuses null, naming the function and the key.
        Null("ParamTree.With a null tensor", () => P.With("b", null!), "ParamTree.With", "'b'"),
        Null("ParamTree.With a null name", () => P.With(null!, Tensor.FromArray(1.0)), "ParamTree.With"),
        Null("ParamTrees.Union with a null tree", () => ParamTrees.Union(P, null!), "ParamTree.Union", "trees[1]"),
        Null("ParamTrees.Union of maps with a null tensor", () => ParamTrees.Union<double>(NullTensor), "ParamTree.Union", "'w'"),
        Null("ParamTrees.Union of a null array", () => ParamTrees.Union((ParamTree<double>[])null!), "ParamTree.Union"),
        Null("ParamTree.Union with null", () => P.Union(null!), "ParamTree.Union"),
        Null("ParamTrees.Of a null tensor", () => ParamTrees.Of(("w", (Tensor<double>)null!)), "ParamTrees.Of", "'w'"),
        Null("ParamTrees.Of a map with a null tensor", () => ParamTrees.Of(NullTensor), "ParamTrees.Of", "'w'"),
        Null("new ParamTree with a null tensor", () => _ = new ParamTree<double>(NullTensor), "ParamTree", "'w'"),
        Null("ParamTree with { } a null tensor", () => _ = P with { Tensors = NullTensor }, "ParamTree", "'w'"),
        Null("ParamTree.Map returning null", () => P.Map(_ => (Tensor<double>)null!), "ParamTree.Map", "'w'"),
        Null("ParamTree.Map of a null function", () => P.Map((Func<Tensor<double>, Tensor<double>>)null!), "ParamTree.Map"),
        Null("ParamTree.ZipWith null", () => P.ZipWith(null!, (a, _) => a), "ZipWith"),
        Null("ParamTree + null", () => _ = P + null!, "ParamTree +"),
        Null("ParamTree.Fold of a null function", () => P.Fold(0, (Func<int, string, Tensor<double>, int>)null!), "ParamTree.Fold"),
        Null("ParamTree.Where of null", () => P.Where(null!), "ParamTree.Where"),
        Null("ParamTree indexed by null", () => _ = P[null!], "ParamTree[name]"),
        Null("ParamTree.Contains null", () => P.Contains(null!), "ParamTree.Contains"),
        Null("CheckSameStructure of null", () => ParamTrees.CheckSameStructure(P, null!, "caller"), "caller"),
        Null("Optim.Apply of null updates", () => Optim.Apply(P, null!), "Optim.Apply"),
        Null("Step of a null transform", () => Optim.Step(null!, P, OptState<double>.Empty, P), "Optim.Step"),

        // An optimizer state that does not fit: the message says it is the state (slot, parameter, shapes), not the gradient.
        ShapeErr("Adam state of the wrong shape", () => new Adam(0.1).Update(P, StateWith(new Adam(0.1), "m", ParamTrees.Of(("w", Tensor.FromArray(0.0, 0.0, 0.0)))), P),
            "Adam", "optimizer state's 'm' moment for 'w'", "[3]", "[2]", "Init"),
        Arg("Momentum state of other names", () => new Momentum(0.1).Update(P, StateWith(new Momentum(0.1), "v", ParamTrees.Of(("u", Tensor.FromArray(0.0, 0.0)))), P),
            "Momentum", "optimizer state's 'v' moments", "missing [w]", "unexpected [u]"),
        ShapeErr("NesterovLookAhead state of the wrong shape", () => new NesterovLookAhead(0.1).LookAhead(P, StateWith(new NesterovLookAhead(0.1), "v", ParamTrees.Of(("w", Tensor.FromArray(0.0))))),
            "NesterovLookAhead", "optimizer state's 'v' moment for 'w'", "[1]"),
        ShapeErr("RmsProp centered state of the wrong shape", () => new RmsProp(0.1, Centered: true).Update(P, StateWith(new RmsProp(0.1, Centered: true), "grad_avg", ParamTrees.Of(("w", Tensor.FromArray(0.0)))), P),
            "RmsProp", "'grad_avg' moment for 'w'"),
        Arg("Adam amsgrad with plain Adam's state", () => new Adam(0.1, AmsGrad: true).Update(P, new Adam(0.1).Init(P), P), "Adam", "'vmax'"),
        Null("Adam update with a null state", () => new Adam(0.1).Update(P, null!, P), "Adam", "state"),
        Null("Sgd update with null gradients", () => new Sgd(0.1).Update(null!, OptState<double>.Empty, P), "Sgd", "gradients"),
        Null("ClipByGlobalNorm update with a null state", () => new ClipByGlobalNorm(1).Update(P, null!, P), "ClipByGlobalNorm", "state"),
        new("Sgd state with a negative count", () => new Sgd(0.1).Update(P, OptState<double>.Empty with { Count = -1 }, P), typeof(ArgumentOutOfRangeException), "Sgd", "count -1", "≥ 0"),
        Null("OptState with a null part", () => _ = OptState<double>.Empty with { Parts = [null!] }, "OptState", "Parts[0]"),
        Null("Init of null parameters", () => new Adam(0.1).Init<double>(null!), "parameters"),
        Arg("Chain of nothing", () => Optim.Chain(), "Chain", "at least one"),
        Arg("Chain of a default array", () => _ = new Chain(default), "Chain", "at least one"),
        Null("Chain with a null part", () => Optim.Chain(new Sgd(0.1), null!), "Chain", "part 1"),
        Arg("Chain.LookAhead with another state", () => Optim.Chain(new NesterovLookAhead(0.1)).LookAhead(P, OptState<double>.Empty), "Chain.LookAhead", "0 part states"),

        // Second-order methods: one start check for both.
        Arg("Newton from NaN", () => Newton.Minimize(Quadratic, Start(double.NaN, 0)), "Newton", "start 'x'", "NaN", "flat index 0", "finite start"),
        Arg("Lbfgs from ∞", () => Lbfgs.Minimize(Quadratic, Start(0, double.PositiveInfinity)), "Lbfgs", "start 'x'", "Infinity at flat index 1"),
        Arg("Newton where f is NaN at the start", () => Newton.Minimize(Sum(Log(X)), Start(-1, 1)), "Newton", "f is NaN at the start point"),
        Arg("Lbfgs where f is NaN at the start", () => Lbfgs.Minimize(Sum(Log(X)), Start(-1, 1)), "Lbfgs", "f is NaN at the start point"),
        Arg("Newton where ∇f is ∞ at the start", () => Newton.Minimize(Sum(Sqrt(X)), Start(0, 1)), "Newton", "∇f is Infinity", "flat index 0"),
        Null("Newton with a null fixed binding", () => Newton.Minimize(Quadratic + Sum(Variable("z", 1)), Start(0, 0), fixedBindings: HashMap<string, Tensor<double>>.Empty.Add("z", null!)), "Newton", "'z'"),
        Null("Newton.Hessian of null", () => Newton.Hessian(null!, (Variable)X), "Newton.Hessian"),
        Arg("Newton.Hessian by no variables", () => Newton.Hessian(Quadratic), "Newton.Hessian", "no variables"),
        new("StrongWolfe from NaN", () => LineSearch.StrongWolfe(a => (a, 1), double.NaN, -1), typeof(ArgumentOutOfRangeException), "StrongWolfe", "φ(0) = NaN", "finite"),
        new("StrongWolfe of an infinite slope", () => LineSearch.StrongWolfe(a => (a, 1), 0, double.NegativeInfinity), typeof(ArgumentOutOfRangeException), "StrongWolfe", "-Infinity", "finite"),
        new("StrongWolfe of no evaluations", () => LineSearch.StrongWolfe(a => (a, 1), 0, -1, maxEvaluations: 0), typeof(ArgumentOutOfRangeException), "StrongWolfe", "maxEvaluations 0", "≥ 1"),
        new("StrongWolfe alphaMax below alpha0", () => LineSearch.StrongWolfe(a => (a, 1), 0, -1, alpha0: 1, alphaMax: 0.5), typeof(ArgumentOutOfRangeException), "StrongWolfe", "alphaMax 0.5", "alpha0 1"),
        Null("Norms.L2 of null", () => Norms.L2<double>((IEnumerable<Tensor<double>>)null!), "Norms.L2"),
        Null("Norms.L2 with a null tensor", () => Norms.L2<double>([P["w"], null!]), "Norms.L2", "tensors[1]"),

        // The new torch options, out of range.
        Arg("SgdMomentum Nesterov with dampening", () => _ = new SgdMomentum(0.1, 0.9, Dampening: 0.5, Nesterov: true), "SgdMomentum", "Nesterov", "Dampening 0.5"),
        Arg("SgdMomentum Nesterov without momentum", () => _ = new SgdMomentum(0.1, 0, Nesterov: true), "SgdMomentum", "Nesterov", "Mu 0"),
        new("SgdMomentum dampening 1.5", () => _ = new SgdMomentum(0.1, Dampening: 1.5), typeof(ArgumentOutOfRangeException), "SgdMomentum", "Dampening 1.5", "[0, 1]"),
        new("SgdMomentum NaN mu", () => _ = new SgdMomentum(0.1, double.NaN), typeof(ArgumentOutOfRangeException), "SgdMomentum", "Mu NaN"),
        new("RmsProp momentum 1", () => _ = new RmsProp(0.1, Momentum: 1), typeof(ArgumentOutOfRangeException), "RmsProp", "Momentum 1", "[0, 1)"),
        new("AdaGrad negative lr decay", () => _ = new AdaGrad(0.1, LrDecay: -1), typeof(ArgumentOutOfRangeException), "AdaGrad", "LrDecay -1", "≥ 0"),
        new("AdaGrad NaN initial accumulator", () => _ = new AdaGrad(0.1, InitialAccumulatorValue: double.NaN), typeof(ArgumentOutOfRangeException), "AdaGrad", "InitialAccumulatorValue NaN"),
        new("AdamW negative weight decay", () => Optimizers.AdamW(0.1, weightDecay: -1), typeof(ArgumentOutOfRangeException), "AdamW", "weightDecay -1", "≥ 0"),
    ];

    public static TheoryData<string> Names() => BadInput.Names(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public void Refused_with_a_message_naming_the_call(string name) => Run(Cases, name);

    [Fact]
    public void The_same_hyperparameters_are_accepted_in_double_and_give_finite_steps()
    {
        // The refusals above are about float's range, not the values: double holds 1e-50 and 1e300 times a small gradient.
        foreach (var opt in new IGradientTransform[] { new Adam(1e-3, Eps: 1e-50), new RmsProp(0.01, Eps: 1e-50), new Sgd(1e300), new AdaGrad(0.1, InitialAccumulatorValue: 1e-45) })
        {
            var g = ParamTrees.Of(("w", Tensor.FromArray(0.0, 1e-300)));
            var (next, _) = opt.Step(g, opt.Init(P), P);
            Assert.All(next["w"].ToArray(), v => Assert.True(double.IsFinite(v), $"{opt}: {v}"));
        }
        // A zero-gradient element stays put: the NaN that an Eps flushed to 0 would give (0/0) cannot appear.
        var (adam, _) = new Adam(1e-3, Eps: 1e-50).Step(ParamTrees.Of(("w", Tensor.FromArray(0.0, 1.0))), new Adam(1e-3, Eps: 1e-50).Init(P), P);
        Assert.Equal(1.0, adam["w"][0]);
    }

    [Fact]
    public void A_rate_that_decays_below_floats_normal_range_is_a_zero_step_not_an_error()
    {
        // 0.1·e^(−100) = 3.7e-45 is subnormal in float: the step it stands for is below float's resolution, so a long
        // decaying schedule keeps running (refusing it would stop a run at step 10⁵) and the update is ≈ 0, never NaN.
        var opt = new Sgd(new LrSchedule.Exponential(0.1, 100));
        var (u, _) = opt.Update(F, OptState<float>.Empty with { Count = 1 }, F);
        Assert.All(u["w"].ToArray(), v => Assert.True(float.IsFinite(v) && Math.Abs(v) < 1e-40, $"{v}"));
    }

    [Fact]
    public void AdamW_with_zero_weight_decay_is_Adam()
    {
        var g = ParamTrees.Of(("w", Tensor.FromArray(0.5, -1.0)));
        var adamw = Optimizers.AdamW(0.01, weightDecay: 0);
        var adam = Optimizers.Adam(0.01);
        Assert.Equal(adam.Step(g, adam.Init(P), P).Params, adamw.Step(g, adamw.Init(P), P).Params);
    }
}
