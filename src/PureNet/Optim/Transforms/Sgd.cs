using System.Numerics;
using static System.Numerics.Tensors.TensorPrimitives;

namespace PureNet;

/// <summary>Vanilla SGD: u = −η·g.</summary>
public sealed record Sgd(LrSchedule Lr) : IGradientTransform
{
    public LrSchedule Lr { get; } = Check.Lr("Sgd", Lr);

    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        _ = Hyper.Rate<T>("Sgd", nameof(Lr), Lr.At(0), 0);   // refuse a rate T cannot hold before the first step
        return PerTensor.Init(parameters);
    }

    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lr = -Hyper.Rate<T>("Sgd", nameof(Lr), Lr.At(PerTensor.Count("Sgd", state)), state.Count);
        return PerTensor.Map("Sgd", grads, state, parameters, (g, _) => Fused.Map(g, (x, y) => Multiply(x, lr, y)));
    }
}

/// <summary>
/// Momentum in the seed's form: v ← μ·v − η·g; u = v. With <paramref name="Nesterov"/>, the rewrite that needs only
/// the gradient at the stored parameters: u = −μ·v_prev + (1 + μ)·v (the stored x is the look-ahead point x + μv of
/// <see cref="NesterovLookAhead"/>; the two give the same trajectory).
/// </summary>
public sealed record Momentum(LrSchedule Lr, double Mu = 0.9, bool Nesterov = false) : IGradientTransform
{
    public LrSchedule Lr { get; } = Check.Lr("Momentum", Lr);
    public double Mu { get; } = Check.InRange("Momentum", nameof(Mu), Mu, 0, 1);

    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        _ = Rule<T>(0);
        return PerTensor.Init(parameters, "v");
    }

    MomentumRule<T> Rule<T>(long step) where T : unmanaged, IFloatingPointIeee754<T> =>
        MomentumRule<T>.Of("Momentum", Lr.At(step), step, Mu, Nesterov);

    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rule = Rule<T>(PerTensor.Count("Momentum", state));
        return PerTensor.Update("Momentum", grads, state, parameters, ["v"], (g, m, _) =>
        {
            var (u, v) = MomentKernel.Run(g, m[0], rule);
            return (u, [v]);
        });
    }
}

/// <summary>
/// Nesterov momentum with the look-ahead gradient: v ← μ·v − η·∇f(x + μ·v); x ← x + v. The gradient passed to
/// <see cref="Update{T}"/> must be taken at <see cref="LookAhead{T}"/> (the fit loop does).
/// </summary>
public sealed record NesterovLookAhead(LrSchedule Lr, double Mu = 0.9) : IGradientTransform
{
    public LrSchedule Lr { get; } = Check.Lr("NesterovLookAhead", Lr);
    public double Mu { get; } = Check.InRange("NesterovLookAhead", nameof(Mu), Mu, 0, 1);

    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        _ = MomentumRule<T>.Of("NesterovLookAhead", Lr.At(0), 0, Mu, Nesterov: false);
        return PerTensor.Init(parameters, "v");
    }

    public ParamTree<T> LookAhead<T>(ParamTree<T> parameters, OptState<T> state) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(parameters, "NesterovLookAhead.LookAhead");
        Guard.NotNull(state, "NesterovLookAhead.LookAhead");
        var v = state.Slot("v", "NesterovLookAhead");
        ParamTrees.CheckState(parameters, v, "v", "NesterovLookAhead");
        var mu = Hyper.As<T>("NesterovLookAhead", nameof(Mu), Mu);
        return parameters.ZipWith(v, (p, vv) => Fused.Zip(vv, p, (a, b, z) => MultiplyAdd(a, mu, b, z)), "NesterovLookAhead");
    }

    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var step = PerTensor.Count("NesterovLookAhead", state);
        var rule = MomentumRule<T>.Of("NesterovLookAhead", Lr.At(step), step, Mu, Nesterov: false);
        return PerTensor.Update("NesterovLookAhead", grads, state, parameters, ["v"], (g, m, _) =>
        {
            var (u, v) = MomentKernel.Run(g, m[0], rule);
            return (u, [v]);
        });
    }
}
