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
        // Not Hyper.As: a limit past T's range saturates to ±∞, and clamping to ±∞ is the right answer (limit may be +∞).
        T hi = T.CreateChecked(limit), lo = T.CreateChecked(-limit);
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
        PerTensor.Count("ClipByGlobalNorm", state);
        ParamTrees.CheckSameStructure(parameters, grads, "ClipByGlobalNorm");
        return (Clip(grads, MaxNorm), state with { Count = state.Count + 1 });
    }

    /// <summary>The clipped tree; the tree itself when its norm is within the bound. A NaN or ±∞ gradient is refused, naming it and the index.</summary>
    internal static ParamTree<T> Clip<T>(ParamTree<T> grads, double maxNorm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Norms.RefuseNonFinite(grads.Names.Map(n => ($"'{n}'", grads.Tensors[n])), "ClipByGlobalNorm");
        var norm = grads.GlobalNorm();
        return norm <= maxNorm ? grads : grads * T.CreateChecked(maxNorm / norm);   // a ratio in (0, 1]: always representable
    }
}

/// <summary>L2 weight decay added to the gradient: g + λ·x (the gradient of ½λ‖x‖²; coupled, unlike AdamW's).</summary>
public sealed record AddWeightDecay(double Lambda) : IGradientTransform
{
    public double Lambda { get; } = Check.NonNegative("AddWeightDecay", nameof(Lambda), Lambda);

    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        _ = Hyper.As<T>("AddWeightDecay", nameof(Lambda), Lambda);
        return PerTensor.Init(parameters);
    }

    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lambda = Hyper.As<T>("AddWeightDecay", nameof(Lambda), Lambda);
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

    public bool Applies(string name) => OnlyNamesEndingWith is null || Guard.NotNull(name, "MaxNormProjection.Applies").EndsWith(OnlyNamesEndingWith, StringComparison.Ordinal);

    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T> => PerTensor.Init(parameters);

    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        PerTensor.Count("MaxNormProjection", state);
        ParamTrees.CheckSameStructure(parameters, grads, "MaxNormProjection");
        var updates = grads.Map((name, u) =>
        {
            if (!Applies(name)) return u;
            var p = parameters[name];
            var next = Fused.Zip(p, u, Add);
            var projected = Project(next, C, "MaxNormProjection", $"'{name}' after the update (x + u)");
            return ReferenceEquals(projected, next) ? u : Fused.Zip(projected, p, Subtract);
        });
        return (updates, state with { Count = state.Count + 1 });
    }

    /// <summary>w scaled onto ‖w‖₂ ≤ c; w itself when inside. A NaN or ±∞ element is refused for <paramref name="function"/>, naming <paramref name="label"/> and the index.</summary>
    internal static Tensor<T> Project<T>(Tensor<T> w, double c, string function, string label) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Norms.RefuseNonFinite([(label, w)], function);
        var norm = Norms.L2(w);
        return norm <= c ? w : Fused.Map(w, (x, y) => Multiply(x, T.CreateChecked(c / norm), y));   // a ratio in (0, 1)
    }
}
