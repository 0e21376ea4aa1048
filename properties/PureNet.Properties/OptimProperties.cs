using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using PureNet;
using PureNet.Testing;

namespace PureNet.Properties;

/// <summary>A parameter tree and a few gradient trees of its structure, printed readably in counterexamples.</summary>
public sealed record OptimCase(ParamTree<double> Params, ParamTree<double>[] Grads, int[] Picks)
{
    public override string ToString() =>
        $"params {Params}: {string.Join("; ", Params.Names.Map(n => Params[n].ToString()))}; {Grads.Length} gradient steps; transforms [{string.Join(", ", Picks.Select(i => OptimProperties.Transforms[i]))}]";
}

/// <summary>Laws of the gradient transformations: purity, bit-identical repeats, chain = parts in turn, chain associativity; tree laws.</summary>
public class OptimProperties
{
    public static readonly IGradientTransform[] Transforms =
    [
        new Sgd(0.1), new Momentum(0.1, 0.9), new Momentum(0.1, 0.9, Nesterov: true), new NesterovLookAhead(0.05, 0.8),
        new AdaGrad(0.1), new RmsProp(0.01), new Adam(0.01), Optimizers.AdamW(0.01, weightDecay: 0.1),
        new ClipByValue(0.5), new ClipByGlobalNorm(1), new AddWeightDecay(0.1), new MaxNormProjection(1),
        Optim.Chain(new ClipByGlobalNorm(1), new Sgd(new LrSchedule.Cosine(0.1, 3))),
        new SgdMomentum(0.1, 0.9, Dampening: 0.2), new SgdMomentum(new LrSchedule.StepDecay(0.1, 0.5, 1), 0.9, Nesterov: true),
        new RmsProp(0.01, Momentum: 0.9, Centered: true), new Adam(0.01, Beta2: 0.5, AmsGrad: true), new AdaGrad(0.1, LrDecay: 0.1, InitialAccumulatorValue: 0.1),
    ];

    static readonly Gen<OptimCase> Cases =
        from count in Gen.Choose(1, 3)
        from shapes in Gen.ArrayOf(Generators.Shape(0, 3), count)
        from values in Values(shapes)
        from steps in Gen.Choose(1, 3)
        from grads in Gen.ArrayOf(Values(shapes), steps)
        from picks in Gen.ArrayOf(Gen.Choose(0, Transforms.Length - 1), 3)
        select new OptimCase(Tree(values), [.. grads.Select(Tree)], picks);

    static Gen<Tensor<double>[]> Values(Shape[] shapes) =>
        shapes.Aggregate(Gen.Constant(Array.Empty<Tensor<double>>()), (acc, shape) =>
            from xs in acc
            from t in Generators.Values(shape, Domain.Any)
            select xs.Append(t).ToArray());

    static ParamTree<double> Tree(Tensor<double>[] ts) => ParamTrees.Of([.. ts.Select((t, i) => ($"p{i}", t))]);

    static void Check(Func<OptimCase, bool> law) =>
        GradProperties.Verify(Prop.ForAll(Arb.From(Cases), c => law(c)), OpGradientProperties.Cases);

    /// <summary>Elements compared by their bits (so −0 ≠ 0 and NaN = NaN of the same payload).</summary>
    static bool Bitwise(ParamTree<double> a, ParamTree<double> b) =>
        a.Names.SequenceEqual(b.Names) && a.Names.All(n => a[n].Shape == b[n].Shape &&
            a[n].ToArray().Select(BitConverter.DoubleToInt64Bits).SequenceEqual(b[n].ToArray().Select(BitConverter.DoubleToInt64Bits)));

    static (ParamTree<double> Params, OptState<double> State, ParamTree<double>[] Updates) Run(IGradientTransform t, OptimCase c)
    {
        var (p, s) = (c.Params, t.Init(c.Params));
        var updates = new List<ParamTree<double>>();
        foreach (var g in c.Grads)
        {
            var (u, s1) = t.Update(g, s, p);
            updates.Add(u);
            (p, s) = (Optim.Apply(p, u), s1);
        }
        return (p, s, [.. updates]);
    }

    [Fact]
    public void Updates_are_pure_and_repeat_bit_for_bit() => Check(c => Transforms.All(t =>
    {
        var before = c.Params.Fold(Seq<double[]>.Empty, (acc, _, v) => acc.Add(v.ToArray()));
        var gradsBefore = c.Grads.Select(g => g.Fold(Seq<double[]>.Empty, (acc, _, v) => acc.Add(v.ToArray()))).ToArray();
        var first = Run(t, c);
        var second = Run(t, c);
        var unchanged = c.Params.Fold(Seq<double[]>.Empty, (acc, _, v) => acc.Add(v.ToArray())).Zip(before).All(p => p.Item1.SequenceEqual(p.Item2))
            && c.Grads.Select((g, i) => g.Fold(Seq<double[]>.Empty, (acc, _, v) => acc.Add(v.ToArray())).Zip(gradsBefore[i]).All(p => p.Item1.SequenceEqual(p.Item2))).All(x => x);
        return unchanged && Bitwise(first.Params, second.Params) && first.State == second.State
            && first.Updates.Zip(second.Updates).All(p => Bitwise(p.Item1, p.Item2));
    }));

    [Fact]
    public void A_chain_equals_applying_its_parts_in_turn() => Check(c =>
    {
        var (a, b) = (Transforms[c.Picks[0]], Transforms[c.Picks[1]]);
        var chain = Optim.Chain(a, b);
        var (p, s) = (c.Params, chain.Init(c.Params));
        var (sa, sb) = (a.Init(c.Params), b.Init(c.Params));
        foreach (var g in c.Grads)
        {
            var (u, s1) = chain.Update(g, s, p);
            var (u1, sa1) = a.Update(g, sa, p);
            var (u2, sb1) = b.Update(u1, sb, p);
            if (!Bitwise(u, u2) || s1.Parts[0] != sa1 || s1.Parts[1] != sb1) return false;
            (p, s, sa, sb) = (Optim.Apply(p, u), s1, sa1, sb1);
        }
        return true;
    });

    [Fact]
    public void Chains_are_associative() => Check(c =>
    {
        var (a, b, d) = (Transforms[c.Picks[0]], Transforms[c.Picks[1]], Transforms[c.Picks[2]]);
        var left = Run(Optim.Chain(Optim.Chain(a, b), d), c);
        var right = Run(Optim.Chain(a, Optim.Chain(b, d)), c);
        return left.Updates.Zip(right.Updates).All(p => Bitwise(p.Item1, p.Item2));
    });

    [Fact]
    public void Tree_laws_norm_scaling_cast_round_trip_and_apply_of_negation() => Check(c =>
    {
        var p = c.Params;
        var n = p.GlobalNorm();
        var viaSquares = Math.Sqrt(p.Fold(0.0, (s, _, t) => s + t.ToArray().Sum(v => v * v)));
        var zero = Optim.Apply(p, p * -1.0);
        return Math.Abs(n - viaSquares) <= 1e-12 * (1 + viaSquares)
            && Math.Abs((p * 3.0).GlobalNorm() - 3 * n) <= 1e-12 * (1 + n)
            && p.Cast<float>().Cast<double>() == p.Map(t => Tensor.Cast<float, double>(Tensor.Cast<double, float>(t)))
            && zero.Fold(true, (ok, _, t) => ok && t.ToArray().All(v => v == 0));
    });

    static bool Near(ParamTree<double> a, ParamTree<double> b) => a.Names.All(n => a[n].ToArray().Zip(b[n].ToArray())
        .All(p => Math.Abs(p.Item1 - p.Item2) <= 1e-9 * (1 + Math.Max(Math.Abs(p.Item1), Math.Abs(p.Item2)))));

    [Fact]
    public void Both_forms_of_momentum_agree_at_a_constant_rate() => Check(c =>
        new[] { (0.1, 0.9), (0.03, 0.5) }.All(hm =>
        {
            var (eta, mu) = hm;
            // v = −η·b while η is constant, so rate-inside (Momentum) and rate-outside (SgdMomentum) give one path.
            return Near(Run(new Momentum(eta, mu), c).Params, Run(new SgdMomentum(eta, mu), c).Params)
                && Near(Run(new Momentum(eta, mu, Nesterov: true), c).Params, Run(new SgdMomentum(eta, mu, Nesterov: true), c).Params);
        }));

    [Fact]
    public void AmsGrad_second_moment_never_shrinks_and_bounds_v() => Check(c =>
    {
        var adam = new Adam(0.05, Beta2: 0.5, AmsGrad: true);
        var (p, s) = (c.Params, adam.Init(c.Params));
        foreach (var g in c.Grads)
        {
            var (u, s1) = adam.Update(g, s, p);
            foreach (var n in p.Names)
            {
                var (before, after, v) = (s.Slots["vmax"][n].ToArray(), s1.Slots["vmax"][n].ToArray(), s1.Slots["v"][n].ToArray());
                for (var i = 0; i < after.Length; i++)
                    if (!(after[i] >= before[i] && after[i] >= v[i])) return false;
            }
            (p, s) = (Optim.Apply(p, u), s1);
        }
        return true;
    });
}
