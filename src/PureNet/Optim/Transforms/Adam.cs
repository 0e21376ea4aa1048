using System.Numerics;

namespace PureNet;

/// <summary>
/// Adam with bias correction: m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; u = −(η/(1−β₁ᵗ))·m / (√v̂/√(1−β₂ᵗ) + ε)
/// (PyTorch's arrangement) with v̂ = v, or with <paramref name="AmsGrad"/> v̂ ← max(v̂, v) (torch's amsgrad: the
/// denominator never shrinks). With <paramref name="WeightDecay"/> λ &gt; 0 it is AdamW: u −= η·λ·x (decoupled decay).
/// </summary>
/// <param name="Lr">The learning rate η: a number or an <see cref="LrSchedule"/>.</param>
/// <param name="Beta1">β₁, the first moment's decay, in [0, 1).</param>
/// <param name="Beta2">β₂, the second moment's decay, in [0, 1).</param>
/// <param name="Eps">ε, added to the denominator; finite and &gt; 0.</param>
/// <param name="WeightDecay">λ, the decoupled weight decay; finite and ≥ 0 (0 is plain Adam).</param>
/// <param name="AmsGrad">Keep the largest second moment so far (moment "vmax").</param>
/// <exception cref="ArgumentNullException"><paramref name="Lr"/> is null.</exception>
/// <exception cref="ArgumentOutOfRangeException">A constant rate is negative, or a hyperparameter is out of range.</exception>
/// <example>
/// <code>
/// // Minimise ‖w − t‖² with Adam.
/// var w = Variable("w", 3);
/// var loss = Sum(Square(w - Const(Tensor.FromArray(1.0, 2.0, 3.0))));
/// var grad = ValueAndGrad(loss, w);
/// var opt = new Adam(0.1);
/// var p = ParamTrees.Of(("w", Tensor.Zeros&lt;double&gt;(new Shape(3))));
/// var state = opt.Init(p);
/// for (var i = 0; i &lt; 200; i++)
///     (p, state) = opt.Step(grad.Invoke(("w", p["w"])).GradTree(), state, p);
/// </code>
/// </example>
public sealed record Adam(LrSchedule Lr, double Beta1 = 0.9, double Beta2 = 0.999, double Eps = 1e-8, double WeightDecay = 0, bool AmsGrad = false) : IGradientTransform
{
    /// <summary>The learning rate η or its schedule (checked when built).</summary>
    public LrSchedule Lr { get; } = Check.Lr("Adam", Lr);
    /// <summary>β₁, in [0, 1).</summary>
    public double Beta1 { get; } = Check.InRange("Adam", nameof(Beta1), Beta1, 0, 1);
    /// <summary>β₂, in [0, 1).</summary>
    public double Beta2 { get; } = Check.InRange("Adam", nameof(Beta2), Beta2, 0, 1);
    /// <summary>ε, finite and &gt; 0.</summary>
    public double Eps { get; } = Check.Positive("Adam", nameof(Eps), Eps);
    /// <summary>λ, finite and ≥ 0; &gt; 0 makes it AdamW.</summary>
    public double WeightDecay { get; } = Check.NonNegative("Adam", nameof(WeightDecay), WeightDecay);

    string Owner => WeightDecay > 0 ? "AdamW" : "Adam";
    string[] Slots => AmsGrad ? ["m", "v", "vmax"] : ["m", "v"];

    /// <summary>Zero moments "m" and "v" (and "vmax" with amsgrad) shaped like the parameters.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="parameters">The parameters the state is for.</param>
    /// <returns>The initial state (count 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is not representable in <typeparamref name="T"/> (e.g. a rate that overflows float).</exception>
    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        _ = Coefficients<T>(0);
        return PerTensor.Init(parameters, Slots);
    }

    AdamCoefficients<T> Coefficients<T>(long count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var eta = Lr.At(count);
        var t = count + 1;
        double bc1 = 1 - Math.Pow(Beta1, t), bc2 = 1 - Math.Pow(Beta2, t);
        return new(Hyper.As<T>(Owner, nameof(Beta1), Beta1), Hyper.As<T>(Owner, "1 − Beta1", 1 - Beta1),
            Hyper.As<T>(Owner, nameof(Beta2), Beta2), Hyper.As<T>(Owner, "1 − Beta2", 1 - Beta2),
            -Hyper.Rate<T>(Owner, "Lr / (1 − β₁ᵗ)", eta / bc1, count), Hyper.As<T>(Owner, "√(1 − β₂ᵗ)", Math.Sqrt(bc2)),
            Hyper.As<T>(Owner, nameof(Eps), Eps), -Hyper.Rate<T>(Owner, "Lr·WeightDecay", eta * WeightDecay, count), AmsGrad);
    }

    /// <summary>One Adam step at t = count + 1, in one pass per tensor (see the type's formula).</summary>
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
        var c = Coefficients<T>(PerTensor.Count(Owner, state));
        return PerTensor.Update(Owner, grads, state, parameters, Slots, (g, m, p) => AdamKernel.Run(g, m, p, c));
    }
}
