using System.Numerics;
using static System.Numerics.Tensors.TensorPrimitives;

namespace PureNet;

/// <summary>Clamps every gradient element to [−limit, limit]: g ← clamp(g, −L, L).</summary>
/// <param name="Limit">L, &gt; 0 and finite.</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="Limit"/> is not finite and &gt; 0.</exception>
/// <example>
/// <code>
/// var optimizer = Optim.Chain(new ClipByValue(5), new Sgd(0.1));
/// </code>
/// </example>
public sealed record ClipByValue(double Limit) : IGradientTransform
{
    /// <summary>L, &gt; 0.</summary>
    public double Limit { get; } = Check.Positive("ClipByValue", nameof(Limit), Limit);

    /// <summary>A state with no moments.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="parameters">The parameters the state is for.</param>
    /// <returns>The initial state (count 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T> => PerTensor.Init(parameters);

    /// <summary>The gradients clamped elementwise to [−L, L].</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="grads">The gradients, with the parameters' names and shapes.</param>
    /// <param name="state">The state from <c>Init</c> or the previous update.</param>
    /// <param name="parameters">The current parameters.</param>
    /// <returns>The updates to add to the parameters (<see cref="Optim.Apply{T}"/>) and the next state (count + 1).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The gradients do not name the parameters.</exception>
    /// <exception cref="ShapeException">A gradient differs in shape from its parameter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The state's count is negative.</exception>
    public (ParamTree<T> Updates, OptState<T> State) Update<T>(ParamTree<T> grads, OptState<T> state, ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T> =>
        PerTensor.Map("ClipByValue", grads, state, parameters, (g, _) => Clip(g, Limit));

    internal static Tensor<T> Clip<T>(Tensor<T> g, double limit) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Not Hyper.As: a limit past T's range saturates to ±∞, and clamping to ±∞ is the right answer (limit may be +∞).
        T hi = T.CreateChecked(limit), lo = T.CreateChecked(-limit);
        return Fused.Map(g, (x, y) => { Min(x, hi, y); Max(y, lo, y); });
    }
}

/// <summary>
/// Scales all gradients together so their joint L2 norm is at most <paramref name="MaxNorm"/> (norm computed without
/// overflow): g ← g·min(1, c/‖g‖₂), ‖g‖₂ over every element of every tensor.
/// </summary>
/// <param name="MaxNorm">c, &gt; 0 and finite.</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="MaxNorm"/> is not finite and &gt; 0.</exception>
/// <example>
/// <code>
/// var optimizer = Optim.Chain(new ClipByGlobalNorm(1), new Adam(1e-3));
/// </code>
/// </example>
public sealed record ClipByGlobalNorm(double MaxNorm) : IGradientTransform
{
    /// <summary>c, &gt; 0.</summary>
    public double MaxNorm { get; } = Check.Positive("ClipByGlobalNorm", nameof(MaxNorm), MaxNorm);

    /// <summary>A state with no moments.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="parameters">The parameters the state is for.</param>
    /// <returns>The initial state (count 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T> => PerTensor.Init(parameters);

    /// <summary>The gradients scaled together onto ‖g‖₂ ≤ c (unchanged when within).</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="grads">The gradients, with the parameters' names and shapes.</param>
    /// <param name="state">The state from <c>Init</c> or the previous update.</param>
    /// <param name="parameters">The current parameters.</param>
    /// <returns>The updates to add to the parameters (<see cref="Optim.Apply{T}"/>) and the next state (count + 1).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The gradients do not name the parameters, or an element is NaN or ±∞ (no norm exists).</exception>
    /// <exception cref="ShapeException">A gradient differs in shape from its parameter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The state's count is negative.</exception>
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
/// <param name="Lambda">λ, finite and ≥ 0.</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="Lambda"/> is negative or not finite.</exception>
/// <example>
/// <code>
/// var optimizer = Optim.Chain(new AddWeightDecay(1e-4), new SgdMomentum(0.1));
/// </code>
/// </example>
public sealed record AddWeightDecay(double Lambda) : IGradientTransform
{
    /// <summary>λ, finite and ≥ 0.</summary>
    public double Lambda { get; } = Check.NonNegative("AddWeightDecay", nameof(Lambda), Lambda);

    /// <summary>A state with no moments, after checking λ is representable in <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="parameters">The parameters the state is for.</param>
    /// <returns>The initial state (count 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is not representable in <typeparamref name="T"/> (e.g. a rate that overflows float).</exception>
    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        _ = Hyper.As<T>("AddWeightDecay", nameof(Lambda), Lambda);
        return PerTensor.Init(parameters);
    }

    /// <summary>g + λ·x, tensor by tensor.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="grads">The gradients, with the parameters' names and shapes.</param>
    /// <param name="state">The state from <c>Init</c> or the previous update.</param>
    /// <param name="parameters">The current parameters.</param>
    /// <returns>The updates to add to the parameters (<see cref="Optim.Apply{T}"/>) and the next state (count + 1).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The gradients do not name the parameters.</exception>
    /// <exception cref="ShapeException">A gradient differs in shape from its parameter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The state's count is negative, or a hyperparameter at this step is not representable in <typeparamref name="T"/>.</exception>
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
/// <param name="C">c, the largest L2 norm a tensor keeps; &gt; 0 and finite.</param>
/// <param name="OnlyNamesEndingWith">Project only tensors whose names end with this (ordinal); null for every tensor.</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="C"/> is not finite and &gt; 0.</exception>
/// <example>
/// <code>
/// // Each weight matrix ("….W") stays within norm 3 after every Adam step.
/// var optimizer = Optim.Chain(new Adam(1e-3), new MaxNormProjection(3, OnlyNamesEndingWith: ".W"));
/// </code>
/// </example>
public sealed record MaxNormProjection(double C, string? OnlyNamesEndingWith = null) : IGradientTransform
{
    /// <summary>c, &gt; 0.</summary>
    public double C { get; } = Check.Positive("MaxNormProjection", nameof(C), C);

    /// <summary>Whether the tensor named <paramref name="name"/> is projected.</summary>
    /// <param name="name">A parameter's name.</param>
    /// <returns>True when no suffix is set or the name ends with it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null while a suffix is set.</exception>
    public bool Applies(string name) => OnlyNamesEndingWith is null || Guard.NotNull(name, "MaxNormProjection.Applies").EndsWith(OnlyNamesEndingWith, StringComparison.Ordinal);

    /// <summary>A state with no moments.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="parameters">The parameters the state is for.</param>
    /// <returns>The initial state (count 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    public OptState<T> Init<T>(ParamTree<T> parameters) where T : unmanaged, IFloatingPointIeee754<T> => PerTensor.Init(parameters);

    /// <summary>u ← P(x + u) − x for each projected tensor, u unchanged for the others.</summary>
    /// <typeparam name="T">The parameters' element type: float or double.</typeparam>
    /// <param name="grads">The gradients, with the parameters' names and shapes.</param>
    /// <param name="state">The state from <c>Init</c> or the previous update.</param>
    /// <param name="parameters">The current parameters.</param>
    /// <returns>The updates to add to the parameters (<see cref="Optim.Apply{T}"/>) and the next state (count + 1).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The updates do not name the parameters, or a stepped tensor holds NaN or ±∞ (no norm exists).</exception>
    /// <exception cref="ShapeException">An update differs in shape from its parameter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The state's count is negative.</exception>
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
