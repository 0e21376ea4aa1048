namespace PureNet;

/// <summary>The optimizers by their usual names, with the usual defaults (PyTorch's unless said), and by a string for command lines.</summary>
public static class Optimizers
{
    /// <summary>Vanilla SGD: x ← x − η·g (<see cref="PureNet.Sgd"/>).</summary>
    /// <param name="lr">The learning rate η, a number or an <see cref="LrSchedule"/>.</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lr"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A constant rate is negative or not finite.</exception>
    /// <example>
    /// <code>
    /// // Minimise ‖w − t‖².
    /// var w = Variable("w", 3);
    /// var loss = Sum(Square(w - Const(Tensor.FromArray(1.0, 2.0, 3.0))));
    /// var grad = ValueAndGrad(loss, w);
    /// var opt = Optimizers.Sgd(0.1);
    /// var p = ParamTrees.Of(("w", Tensor.Zeros&lt;double&gt;(new Shape(3))));
    /// var state = opt.Init(p);
    /// for (var i = 0; i &lt; 200; i++)
    ///     (p, state) = opt.Step(grad.Invoke(("w", p["w"])).GradTree(), state, p);
    /// </code>
    /// </example>
    public static IGradientTransform Sgd(LrSchedule lr) => new Sgd(lr);
    /// <summary>Momentum with the rate inside the velocity (v ← μv − ηg; x ← x + v). Equals torch's form only at a constant rate (<see cref="PureNet.Momentum"/>).</summary>
    /// <param name="lr">The learning rate η, a number or an <see cref="LrSchedule"/>.</param>
    /// <param name="mu">The momentum μ, in [0, 1).</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lr"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A constant rate is negative, or <paramref name="mu"/> is outside [0, 1).</exception>
    /// <example>
    /// <code>
    /// // Minimise ‖w − t‖².
    /// var w = Variable("w", 3);
    /// var loss = Sum(Square(w - Const(Tensor.FromArray(1.0, 2.0, 3.0))));
    /// var grad = ValueAndGrad(loss, w);
    /// var opt = Optimizers.Momentum(0.05);
    /// var p = ParamTrees.Of(("w", Tensor.Zeros&lt;double&gt;(new Shape(3))));
    /// var state = opt.Init(p);
    /// for (var i = 0; i &lt; 200; i++)
    ///     (p, state) = opt.Step(grad.Invoke(("w", p["w"])).GradTree(), state, p);
    /// </code>
    /// </example>
    public static IGradientTransform Momentum(LrSchedule lr, double mu = 0.9) => new Momentum(lr, mu);
    /// <summary>Nesterov momentum, the rewritten form (gradient at the stored parameters), rate inside the velocity (<see cref="PureNet.Momentum"/> with <c>Nesterov: true</c>).</summary>
    /// <param name="lr">The learning rate η, a number or an <see cref="LrSchedule"/>.</param>
    /// <param name="mu">The momentum μ, in [0, 1).</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lr"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A constant rate is negative, or <paramref name="mu"/> is outside [0, 1).</exception>
    /// <example>
    /// <code>
    /// // Minimise ‖w − t‖².
    /// var w = Variable("w", 3);
    /// var loss = Sum(Square(w - Const(Tensor.FromArray(1.0, 2.0, 3.0))));
    /// var grad = ValueAndGrad(loss, w);
    /// var opt = Optimizers.Nesterov(0.05);
    /// var p = ParamTrees.Of(("w", Tensor.Zeros&lt;double&gt;(new Shape(3))));
    /// var state = opt.Init(p);
    /// for (var i = 0; i &lt; 200; i++)
    ///     (p, state) = opt.Step(grad.Invoke(("w", p["w"])).GradTree(), state, p);
    /// </code>
    /// </example>
    public static IGradientTransform Nesterov(LrSchedule lr, double mu = 0.9) => new Momentum(lr, mu, Nesterov: true);
    /// <summary>torch.optim.SGD with momentum (optax.sgd's form): b ← μb + (1 − τ)g; x ← x − ηb (or x − η(g + μb) with Nesterov) (<see cref="PureNet.SgdMomentum"/>).</summary>
    /// <param name="lr">The learning rate η, a number or an <see cref="LrSchedule"/>.</param>
    /// <param name="mu">The momentum μ, in [0, 1).</param>
    /// <param name="dampening">The dampening τ, in [0, 1].</param>
    /// <param name="nesterov">torch's Nesterov form; needs μ &gt; 0 and τ = 0.</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lr"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A constant rate is negative, or <paramref name="mu"/> or <paramref name="dampening"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="nesterov"/> with μ = 0 or τ ≠ 0.</exception>
    /// <example>
    /// <code>
    /// // Minimise ‖w − t‖².
    /// var w = Variable("w", 3);
    /// var loss = Sum(Square(w - Const(Tensor.FromArray(1.0, 2.0, 3.0))));
    /// var grad = ValueAndGrad(loss, w);
    /// var opt = Optimizers.SgdMomentum(0.05, nesterov: true);
    /// var p = ParamTrees.Of(("w", Tensor.Zeros&lt;double&gt;(new Shape(3))));
    /// var state = opt.Init(p);
    /// for (var i = 0; i &lt; 200; i++)
    ///     (p, state) = opt.Step(grad.Invoke(("w", p["w"])).GradTree(), state, p);
    /// </code>
    /// </example>
    public static IGradientTransform SgdMomentum(LrSchedule lr, double mu = 0.9, double dampening = 0, bool nesterov = false) => new SgdMomentum(lr, mu, dampening, nesterov);
    /// <summary>AdaGrad as torch.optim.Adagrad: c ← c + g²; x ← x − η/(1 + t·decay)·g/(√c + ε) (<see cref="PureNet.AdaGrad"/>).</summary>
    /// <param name="lr">The learning rate η, a number or an <see cref="LrSchedule"/>.</param>
    /// <param name="eps">ε, finite and &gt; 0.</param>
    /// <param name="lrDecay">The rate decay, ≥ 0.</param>
    /// <param name="initialAccumulatorValue">c₀, ≥ 0.</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lr"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A constant rate or a hyperparameter is out of range.</exception>
    /// <example>
    /// <code>
    /// // Minimise ‖w − t‖².
    /// var w = Variable("w", 3);
    /// var loss = Sum(Square(w - Const(Tensor.FromArray(1.0, 2.0, 3.0))));
    /// var grad = ValueAndGrad(loss, w);
    /// var opt = Optimizers.AdaGrad(0.5);
    /// var p = ParamTrees.Of(("w", Tensor.Zeros&lt;double&gt;(new Shape(3))));
    /// var state = opt.Init(p);
    /// for (var i = 0; i &lt; 200; i++)
    ///     (p, state) = opt.Step(grad.Invoke(("w", p["w"])).GradTree(), state, p);
    /// </code>
    /// </example>
    public static IGradientTransform AdaGrad(LrSchedule lr, double eps = 1e-10, double lrDecay = 0, double initialAccumulatorValue = 0) =>
        new AdaGrad(lr, eps, lrDecay, initialAccumulatorValue);
    /// <summary>RMSProp as torch.optim.RMSprop: c ← ρc + (1 − ρ)g²; x ← x − η·g/(√c + ε), optionally centered and with momentum (<see cref="PureNet.RmsProp"/>).</summary>
    /// <param name="lr">The learning rate η, a number or an <see cref="LrSchedule"/>.</param>
    /// <param name="decay">ρ, in [0, 1).</param>
    /// <param name="eps">ε, finite and &gt; 0.</param>
    /// <param name="momentum">μ, in [0, 1); 0 for none.</param>
    /// <param name="centered">Divide by the gradient's running standard deviation instead of its root mean square.</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lr"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A constant rate or a hyperparameter is out of range.</exception>
    /// <example>
    /// <code>
    /// // Minimise ‖w − t‖².
    /// var w = Variable("w", 3);
    /// var loss = Sum(Square(w - Const(Tensor.FromArray(1.0, 2.0, 3.0))));
    /// var grad = ValueAndGrad(loss, w);
    /// var opt = Optimizers.RmsProp(0.05);
    /// var p = ParamTrees.Of(("w", Tensor.Zeros&lt;double&gt;(new Shape(3))));
    /// var state = opt.Init(p);
    /// for (var i = 0; i &lt; 200; i++)
    ///     (p, state) = opt.Step(grad.Invoke(("w", p["w"])).GradTree(), state, p);
    /// </code>
    /// </example>
    public static IGradientTransform RmsProp(LrSchedule lr, double decay = 0.99, double eps = 1e-8, double momentum = 0, bool centered = false) =>
        new RmsProp(lr, decay, eps, momentum, centered);
    /// <summary>Adam with PyTorch's defaults (<see cref="PureNet.Adam"/>).</summary>
    /// <param name="lr">The learning rate η, a number or an <see cref="LrSchedule"/>; null for 1e-3.</param>
    /// <param name="beta1">β₁, in [0, 1).</param>
    /// <param name="beta2">β₂, in [0, 1).</param>
    /// <param name="eps">ε, finite and &gt; 0.</param>
    /// <param name="amsgrad">Keep the largest second moment so far (torch's amsgrad).</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A constant rate or a hyperparameter is out of range.</exception>
    /// <example>
    /// <code>
    /// // Minimise ‖w − t‖².
    /// var w = Variable("w", 3);
    /// var loss = Sum(Square(w - Const(Tensor.FromArray(1.0, 2.0, 3.0))));
    /// var grad = ValueAndGrad(loss, w);
    /// var opt = Optimizers.Adam(0.1);
    /// var p = ParamTrees.Of(("w", Tensor.Zeros&lt;double&gt;(new Shape(3))));
    /// var state = opt.Init(p);
    /// for (var i = 0; i &lt; 200; i++)
    ///     (p, state) = opt.Step(grad.Invoke(("w", p["w"])).GradTree(), state, p);
    /// </code>
    /// </example>
    public static IGradientTransform Adam(LrSchedule? lr = null, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, bool amsgrad = false) =>
        new Adam(lr ?? 1e-3, beta1, beta2, eps, AmsGrad: amsgrad);
    /// <summary>AdamW: Adam with decoupled weight decay x ← x − η·λ·x (λ = 0.01 by default; λ = 0 is plain Adam, as in torch and optax).</summary>
    /// <param name="lr">The learning rate η, a number or an <see cref="LrSchedule"/>; null for 1e-3.</param>
    /// <param name="beta1">β₁, in [0, 1).</param>
    /// <param name="beta2">β₂, in [0, 1).</param>
    /// <param name="eps">ε, finite and &gt; 0.</param>
    /// <param name="weightDecay">λ, finite and ≥ 0.</param>
    /// <param name="amsgrad">Keep the largest second moment so far (torch's amsgrad).</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A constant rate or a hyperparameter is out of range.</exception>
    /// <example>
    /// <code>
    /// // Minimise ‖w − t‖².
    /// var w = Variable("w", 3);
    /// var loss = Sum(Square(w - Const(Tensor.FromArray(1.0, 2.0, 3.0))));
    /// var grad = ValueAndGrad(loss, w);
    /// var opt = Optimizers.AdamW(0.1, weightDecay: 1e-4);
    /// var p = ParamTrees.Of(("w", Tensor.Zeros&lt;double&gt;(new Shape(3))));
    /// var state = opt.Init(p);
    /// for (var i = 0; i &lt; 200; i++)
    ///     (p, state) = opt.Step(grad.Invoke(("w", p["w"])).GradTree(), state, p);
    /// </code>
    /// </example>
    public static IGradientTransform AdamW(LrSchedule? lr = null, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0.01, bool amsgrad = false) =>
        new Adam(lr ?? 1e-3, beta1, beta2, eps, Check.NonNegative("AdamW", nameof(weightDecay), weightDecay), amsgrad);

    /// <summary>The names <see cref="ByName"/> knows.</summary>
    public static readonly IReadOnlyList<string> Names = ["sgd", "momentum", "nesterov", "sgd-momentum", "sgd-nesterov", "adagrad", "rmsprop", "adam", "adamw"];

    /// <summary>An optimizer from its name (case-insensitive) with a rate or schedule and default hyperparameters.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="lr">The learning rate η, a number or an <see cref="LrSchedule"/>.</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a known name (or is null).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="lr"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A constant rate is negative or not finite.</exception>
    /// <example>
    /// <code>
    /// var optimizer = Optimizers.ByName("adam", new LrSchedule.Cosine(0.01, 2000));
    /// </code>
    /// </example>
    public static IGradientTransform ByName(string name, LrSchedule lr) => (name ?? "").ToLowerInvariant() switch
    {
        "sgd" => Sgd(lr),
        "momentum" => Momentum(lr),
        "nesterov" => Nesterov(lr),
        "sgd-momentum" => SgdMomentum(lr),                        // torch.optim.SGD(momentum=0.9)
        "sgd-nesterov" => SgdMomentum(lr, nesterov: true),        // torch.optim.SGD(momentum=0.9, nesterov=True)
        "adagrad" => AdaGrad(lr),
        "rmsprop" => RmsProp(lr),
        "adam" => Adam(lr),
        "adamw" => AdamW(lr),
        _ => throw new ArgumentException($"Optimizers.ByName: unknown optimizer '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
    };
}
