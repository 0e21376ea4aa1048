using System.Numerics;

namespace PureNet;

/// <summary>
/// AdaGrad as torch.optim.Adagrad: c ← c + g² (c starts at <paramref name="InitialAccumulatorValue"/>);
/// u = −η̃·g / (√c + ε) with η̃ = η / (1 + t·<paramref name="LrDecay"/>) at step t = 0, 1, …. Defaults as PyTorch (ε = 1e-10, no decay, c₀ = 0).
/// </summary>
/// <param name="Lr">The learning rate η: a number or an <see cref="LrSchedule"/>.</param>
/// <param name="Eps">ε, finite and &gt; 0.</param>
/// <param name="LrDecay">The rate decay, finite and ≥ 0.</param>
/// <param name="InitialAccumulatorValue">c₀, finite and ≥ 0.</param>
/// <exception cref="ArgumentNullException"><paramref name="Lr"/> is null.</exception>
/// <exception cref="ArgumentOutOfRangeException">A constant rate is negative, or a hyperparameter is out of range.</exception>
/// <example>
/// <code>
/// // Minimise ‖w − t‖² with AdaGrad.
/// var w = Variable("w", 3);
/// var loss = Sum(Square(w - Const(Tensor.FromArray(1.0, 2.0, 3.0))));
/// var grad = ValueAndGrad(loss, w);
/// var opt = new AdaGrad(0.5);
/// var p = ParamTrees.Of(("w", Tensor.Zeros&lt;double&gt;(new Shape(3))));
/// var state = opt.Init(p);
/// for (var i = 0; i &lt; 200; i++)
///     (p, state) = opt.Step(grad.Invoke(("w", p["w"])).GradTree(), state, p);
/// </code>
/// </example>
public sealed record AdaGrad(LrSchedule Lr, double Eps = 1e-10, double LrDecay = 0, double InitialAccumulatorValue = 0) : IGradientTransform
{
    /// <summary>The learning rate η or its schedule (checked when built).</summary>
    public LrSchedule Lr { get; } = Check.Lr("AdaGrad", Lr);
    /// <summary>ε, finite and &gt; 0.</summary>
    public double Eps { get; } = Check.Positive("AdaGrad", nameof(Eps), Eps);
    /// <summary>The rate decay, finite and ≥ 0.</summary>
    public double LrDecay { get; } = Check.NonNegative("AdaGrad", nameof(LrDecay), LrDecay);
    /// <summary>c₀, finite and ≥ 0.</summary>
    public double InitialAccumulatorValue { get; } = Check.NonNegative("AdaGrad", nameof(InitialAccumulatorValue), InitialAccumulatorValue);

    /// <summary>The accumulator "cache" filled with c₀, shaped like the parameters.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="parameters">The parameters the state is for.</param>
    /// <returns>The initial state (count 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is not representable in <typeparamref name="T"/> (e.g. a rate that overflows float).</exception>
    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        _ = Rule<T>(0);
        return PerTensor.Init(parameters, Hyper.As<T>("AdaGrad", nameof(InitialAccumulatorValue), InitialAccumulatorValue), "cache");
    }

    SquareAverageRule<T> Rule<T>(long step) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(-Hyper.Rate<T>("AdaGrad", LrDecay == 0 ? nameof(Lr) : "Lr / (1 + t·LrDecay)", Lr.At(step) / (1 + step * LrDecay), step),
            Hyper.As<T>("AdaGrad", nameof(Eps), Eps), T.One, T.One);

    /// <summary>c ← c + g²; u = −η̃_t·g/(√c + ε), in one pass per tensor.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="grads">The gradients, with the parameters' names and shapes.</param>
    /// <param name="state">The state from <c>Init</c> or the previous update.</param>
    /// <param name="parameters">The current parameters.</param>
    /// <returns>The updates to add to the parameters (<see cref="Optim.Apply{T}"/>) and the next state (count + 1).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The gradients do not name the parameters, or the state lacks this optimizer's moments (another optimizer's state).</exception>
    /// <exception cref="ShapeException">A gradient or moment differs in shape from its parameter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The state's count is negative, or a hyperparameter at this step is not representable in <typeparamref name="T"/>.</exception>
    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rule = Rule<T>(PerTensor.Count("AdaGrad", state));
        return PerTensor.Update("AdaGrad", grads, state, parameters, ["cache"], (g, m, _) =>
        {
            var (u, c) = MomentKernel.Run(g, m[0], rule);
            return (u, [c]);
        });
    }
}
