using LanguageExt;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>
/// Donation (JAX's donate_argnums): a tensor given back is never read again, so its large array serves a later result.
/// What PureNet gives back must be exactly what no one can see any more: a donated tensor and all its views refuse to
/// be read, and nothing a caller still holds (their own tensors, a plan's constants, inputs passed through, the best
/// state of a fit) is ever taken.
/// </summary>
[Collection(RunsAlone.Name)]   // counts allocated bytes and the pool
public class DonationTests
{
    static readonly int Large = LargeBuffers<float>.MinLength + 1000;

    static (Plan Plan, Tensor<float> X) Doubling()
    {
        var x = Variable("x", Large);
        return (Plan.Compile(x * 2.0), Tensor.Normal<float>(new Shape(Large), seed: 1));
    }

    [Fact]
    public void A_donated_plan_output_and_its_views_refuse_to_be_read_and_its_array_serves_the_next_call()
    {
        var (plan, x) = Doubling();
        var first = plan.Run(Bind(("x", x)))[0];
        var view = Tensor.Reshape(first, new Shape(1, Large));
        var expected = first.ToArray();
        first.Donate();
        first.Donate();                                                   // twice is harmless
        Assert.Throws<DonatedTensorException>(() => first.Span.Length);
        var e = Assert.Throws<DonatedTensorException>(() => view[0, 0]);
        Assert.Contains("donated", e.Message);
        Assert.Contains($"{Large} elements", e.Message);
        var kept = LargeBuffers<float>.Kept;
        var second = plan.Run(Bind(("x", x)))[0];
        Assert.Equal(expected, second.ToArray());
        Assert.True(LargeBuffers<float>.Kept < kept, "the next call did not take the donated array");
    }

    [Fact]
    public void Donating_what_PureNet_did_not_allocate_for_a_result_leaves_it_readable()
    {
        var mine = Tensor.Normal<float>(new Shape(Large), seed: 2);
        mine.Donate();
        Assert.Equal(Large, mine.Span.Length);
        var small = Tensor.Normal<float>(new Shape(10), seed: 2);
        small.Donate();
        Assert.Equal(10, small.Span.Length);
        // A plan whose outputs are its input and a constant: neither is the caller's to donate.
        var x = Variable("x", Large);
        var plan = Plan.Compile(x, Const(Tensor.Full(new Shape(Large), 3.0)), x + 1.0);
        var outs = plan.Run(Bind(("x", mine)));
        foreach (var o in outs) o.Donate();
        Assert.Equal(mine.ToArray(), outs[0].ToArray());
        var again = plan.Run(Bind(("x", mine)));
        Assert.All(again[1].ToArray(), v => Assert.Equal(3f, v));
        Assert.Throws<DonatedTensorException>(() => outs[2].Span.Length);
    }

    [Fact]
    public void Two_outputs_sharing_one_buffer_are_donated_together()
    {
        var x = Variable("x", Large);
        var y = x * 2.0;
        var plan = Plan.Compile(y, Reshape(y, new Shape(1, Large)));
        var outs = plan.Run(Bind(("x", Tensor.Normal<float>(new Shape(Large), seed: 3))));
        outs[0].Donate();
        Assert.Throws<DonatedTensorException>(() => outs[1].Span.Length);
    }

    [Fact]
    public void A_donating_training_loop_follows_the_same_trajectory_and_allocates_no_large_arrays_in_its_steady_state()
    {
        var (x, y, w1, w2) = (Variable("x", Dim.Batch, 300), Variable("y", Dim.Batch), Variable("w1", 300, 200), Variable("w2", 200, 10));
        var loss = Losses.SoftmaxCrossEntropyWithLabels(MatMul(Activations.Relu(MatMul(x, w1)), w2), y);
        var step = ValueAndGrad(loss, w1, w2);
        var data = Bind(("x", Tensor.Normal<float>(new Shape(64, 300), seed: 4)),
            ("y", Tensor.FromArray<float>(new Shape(64), Enumerable.Range(0, 64).Select(i => (float)(i % 10)).ToArray())));
        ParamTree<float> Start() => ParamTrees.Of(("w1", Tensor.Normal<float>(new Shape(300, 200), seed: 5) * 0.05f), ("w2", Tensor.Normal<float>(new Shape(200, 10), seed: 6) * 0.05f));
        var adam = new Adam(1e-3);
        (ParamTree<float>, long) Train(bool donate, int steps)
        {
            var parameters = Start();
            var state = adam.Init(parameters);
            long bytes = 0;
            for (var i = 0; i < steps; i++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var r = step.Invoke(parameters.Tensors.Fold(data, (m, k, v) => m.AddOrUpdate(k, v)));
                var old = parameters;
                (parameters, state) = adam.Step(ParamTrees.Of(r.ByName), state, parameters, donate);
                if (donate && i > 0) Assert.Throws<DonatedTensorException>(() => old["w1"].Span.Length);
                if (i >= 3) bytes = Math.Max(bytes, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            return (parameters, bytes);
        }
        var (plain, plainPerStep) = Train(donate: false, 8);
        var (donated, perStep) = Train(donate: true, 8);
        Assert.Equal(plain["w1"].ToArray(), donated["w1"].ToArray());      // bit-identical: donation changes where results live, not what they are
        Assert.Equal(plain["w2"].ToArray(), donated["w2"].ToArray());
        // w1 is 240 KB; a step without donation allocates four such arrays (gradient, m, v, parameters; Optim.Step gives
        // the update back itself). What a donating step allocates is small objects (bindings, result records), less than one.
        Assert.True(plainPerStep > 4 * 300 * 200 * sizeof(float), $"a plain step allocated only {plainPerStep} bytes");
        Assert.True(perStep < 300 * 200 * sizeof(float), $"a donating step allocated {perStep} bytes (a plain one {plainPerStep})");
    }

    [Fact]
    public void Without_donation_an_update_that_is_the_callers_gradient_is_left_alone()
    {
        var g = Doubling().Plan.Run(Bind(("x", Doubling().X)))[0];       // owned storage, held by the caller
        var grads = ParamTrees.Of(("w", g));
        var parameters = ParamTrees.Of(("w", Tensor.Zeros<float>(new Shape(Large))));
        var (next, _) = new PassThrough().Step(grads, OptState<float>.Empty, parameters);
        Assert.Equal(g.ToArray(), next["w"].ToArray());                     // g still readable
    }

    /// <summary>A transform whose update is the gradient itself.</summary>
    sealed record PassThrough : IGradientTransform
    {
        public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => OptState<T>.Empty;
        public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => (grads, state);
    }

    [Fact]
    public void Fit_gives_back_only_what_it_made_the_callers_parameters_and_the_best_state_stay_readable()
    {
        var (x, y, w) = (Variable("x", Dim.Batch, 300), Variable("y", Dim.Batch), Variable("w", 300, 100));
        var model = Model.Of(x, y, [w], _ => { var logits = MatMul(x, w); return new StepGraph(Losses.SoftmaxCrossEntropyWithLabels(logits, y), Output: logits); });
        var init = ParamTrees.Of(("w", Tensor.Normal<float>(new Shape(300, 100), seed: 7) * 0.01f));
        var data = new Dataset<float>(Tensor.Normal<float>(new Shape(256, 300), seed: 8),
            Tensor.FromArray<float>(new Shape(256), Enumerable.Range(0, 256).Select(i => (float)(i % 7)).ToArray()));
        var result = Fit.Run(model, init, new Adam(1e-2), data, new FitOptions(Epochs: 4, BatchSize: 32, Seed: 1, ValidationFraction: 0.25, Patience: 1));
        Assert.Equal(300 * 100, init["w"].Span.Length);
        Assert.Equal(300 * 100, result.Best.Params["w"].Span.Length);
        Assert.Equal(300 * 100, result.Final.Params["w"].Span.Length);
        Assert.All(Donation.Tensors(result.Final.Opt), t => Assert.Equal(300 * 100, t.Span.Length));
    }
}
