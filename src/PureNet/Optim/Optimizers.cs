namespace PureNet;

/// <summary>The optimizers by their usual names, with the usual defaults (PyTorch's unless said), and by a string for command lines.</summary>
public static class Optimizers
{
    public static IGradientTransform Sgd(LrSchedule lr) => new Sgd(lr);
    /// <summary>Momentum with the rate inside the velocity (v ← μv − ηg; x ← x + v). Equals torch's form only at a constant rate.</summary>
    public static IGradientTransform Momentum(LrSchedule lr, double mu = 0.9) => new Momentum(lr, mu);
    /// <summary>Nesterov momentum, the rewritten form (gradient at the stored parameters), rate inside the velocity.</summary>
    public static IGradientTransform Nesterov(LrSchedule lr, double mu = 0.9) => new Momentum(lr, mu, Nesterov: true);
    /// <summary>torch.optim.SGD with momentum (optax.sgd's form): b ← μb + (1 − τ)g; x ← x − ηb (or x − η(g + μb) with Nesterov).</summary>
    public static IGradientTransform SgdMomentum(LrSchedule lr, double mu = 0.9, double dampening = 0, bool nesterov = false) => new SgdMomentum(lr, mu, dampening, nesterov);
    public static IGradientTransform AdaGrad(LrSchedule lr, double eps = 1e-10, double lrDecay = 0, double initialAccumulatorValue = 0) =>
        new AdaGrad(lr, eps, lrDecay, initialAccumulatorValue);
    public static IGradientTransform RmsProp(LrSchedule lr, double decay = 0.99, double eps = 1e-8, double momentum = 0, bool centered = false) =>
        new RmsProp(lr, decay, eps, momentum, centered);
    public static IGradientTransform Adam(LrSchedule? lr = null, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, bool amsgrad = false) =>
        new Adam(lr ?? 1e-3, beta1, beta2, eps, AmsGrad: amsgrad);
    /// <summary>AdamW: Adam with decoupled weight decay (λ = 0.01 by default; λ = 0 is plain Adam, as in torch and optax).</summary>
    public static IGradientTransform AdamW(LrSchedule? lr = null, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0.01, bool amsgrad = false) =>
        new Adam(lr ?? 1e-3, beta1, beta2, eps, Check.NonNegative("AdamW", nameof(weightDecay), weightDecay), amsgrad);

    /// <summary>The names <see cref="ByName"/> knows.</summary>
    public static readonly IReadOnlyList<string> Names = ["sgd", "momentum", "nesterov", "sgd-momentum", "sgd-nesterov", "adagrad", "rmsprop", "adam", "adamw"];

    /// <summary>An optimizer from its name (case-insensitive) with a rate or schedule and default hyperparameters.</summary>
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
