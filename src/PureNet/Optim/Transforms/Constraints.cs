using System.Numerics;
using static System.Numerics.Tensors.TensorPrimitives;

namespace PureNet;

/// <summary>Clamps every gradient element to [−limit, limit].</summary>
public sealed record ClipByValue(double Limit) : IGradientTransform
{
    public double Limit { get; } = Check.Positive("ClipByValue", nameof(Limit), Limit);

    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T> => PerTensor.Init(parameters);

    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T> =>
        PerTensor.Map("ClipByValue", grads, state, parameters, (g, _) => Clip(g, Limit));

    internal static Tensor<T> Clip<T>(Tensor<T> g, double limit) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T hi = PerTensor.C<T>(limit), lo = PerTensor.C<T>(-limit);
        return Fused.Map(g, (x, y) => { Min(x, hi, y); Max(y, lo, y); });
    }
}

/// <summary>Scales all gradients together so their joint L2 norm is at most <paramref name="MaxNorm"/> (norm computed without overflow).</summary>
public sealed record ClipByGlobalNorm(double MaxNorm) : IGradientTransform
{
    public double MaxNorm { get; } = Check.Positive("ClipByGlobalNorm", nameof(MaxNorm), MaxNorm);

    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T> => PerTensor.Init(parameters);

    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ParamTrees.CheckSameStructure(parameters, grads, "ClipByGlobalNorm");
        return (Clip(grads, MaxNorm), state with { Count = state.Count + 1 });
    }

    /// <summary>The clipped tree; the tree itself when its norm is within the bound.</summary>
    internal static ParamTree<T> Clip<T>(ParamTree<T> grads, double maxNorm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var norm = grads.GlobalNorm();
        if (double.IsNaN(norm)) throw new ArgumentException($"ClipByGlobalNorm: the gradients hold NaN; their norm is undefined.", nameof(grads));
        return norm <= maxNorm ? grads : grads * PerTensor.C<T>(maxNorm / norm);
    }
}

/// <summary>L2 weight decay added to the gradient: g + λ·x (the gradient of ½λ‖x‖²; coupled, unlike AdamW's).</summary>
public sealed record AddWeightDecay(double Lambda) : IGradientTransform
{
    public double Lambda { get; } = Check.NonNegative("AddWeightDecay", nameof(Lambda), Lambda);

    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T> => PerTensor.Init(parameters);

    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lambda = PerTensor.C<T>(Lambda);
        return PerTensor.Map("AddWeightDecay", grads, state, parameters, (g, p) => Fused.Zip(p, g, (x, y, z) => MultiplyAdd(x, lambda, y, z)));
    }
}

/// <summary>
/// Max-norm projection after the step: put last in a chain, it turns the update u into P(x + u) − x, where P scales
/// each tensor whose name passes <see cref="Applies"/> back onto the ball ‖w‖₂ ≤ c (others are left alone).
/// </summary>
public sealed record MaxNormProjection(double C, string? OnlyNamesEndingWith = null) : IGradientTransform
{
    public double C { get; } = Check.Positive("MaxNormProjection", nameof(C), C);

    public bool Applies(string name) => OnlyNamesEndingWith is null || name.EndsWith(OnlyNamesEndingWith, StringComparison.Ordinal);

    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T> => PerTensor.Init(parameters);

    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ParamTrees.CheckSameStructure(parameters, grads, "MaxNormProjection");
        var updates = grads.Map((name, u) =>
        {
            if (!Applies(name)) return u;
            var p = parameters[name];
            var next = Fused.Zip(p, u, Add);
            var projected = Project(next, C);
            return ReferenceEquals(projected, next) ? u : Fused.Zip(projected, p, Subtract);
        });
        return (updates, state with { Count = state.Count + 1 });
    }

    /// <summary>w scaled onto ‖w‖₂ ≤ c; w itself when inside.</summary>
    internal static Tensor<T> Project<T>(Tensor<T> w, double c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var norm = Norms.L2(w);
        return norm <= c ? w : Fused.Map(w, (x, y) => Multiply(x, PerTensor.C<T>(c / norm), y));
    }
}
