using static PureNet.Fn;

namespace PureNet;

/// <summary>How a loss combines per-example values: their mean, their sum, or none (the values themselves, for per-example gradients).</summary>
public enum Reduction
{
    /// <summary>The mean over every value: a scalar (PyTorch's default).</summary>
    Mean,
    /// <summary>The sum over every value: a scalar.</summary>
    Sum,
    /// <summary>No reduction: one value per element (elementwise losses) or per row (classification losses).</summary>
    None,
}

/// <summary>
/// Loss functions of (prediction, target). Elementwise losses (MSE, L1, Huber, Tukey, binary cross-entropy) reduce over
/// every element, as PyTorch does; classification losses compute one value per row and reduce over the batch.
/// Prediction and target must have one shape: a loss never broadcasts ([4, 1] against [4] would silently become a
/// [4, 4] mean). A NaN anywhere in the input gives a NaN loss.
/// </summary>
public static class Losses
{
    /// <summary>Mean squared error: (p − t)² per element, reduced.</summary>
    /// <param name="prediction">The prediction, of any shape.</param>
    /// <param name="target">The target, shaped like <paramref name="prediction"/>.</param>
    /// <param name="reduction">How the values combine: <see cref="Reduction.Mean"/> (default), <see cref="Reduction.Sum"/> or <see cref="Reduction.None"/>.</param>
    /// <returns>A scalar, or with <see cref="Reduction.None"/> one value per element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="prediction"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="ShapeException">The two shapes differ (nothing is broadcast).</exception>
    /// <exception cref="ArgumentException"><paramref name="reduction"/> is not a <see cref="Reduction"/>.</exception>
    public static Expr Mse(Expr prediction, Expr target, Reduction reduction = Reduction.Mean)
    {
        Guard.SameShape(prediction, target, "Mse");
        return Reduce(Square(prediction - target), reduction, "Mse");
    }

    /// <summary>Mean absolute error: |p − t| per element, reduced.</summary>
    /// <param name="prediction">The prediction, of any shape.</param>
    /// <param name="target">The target, shaped like <paramref name="prediction"/>.</param>
    /// <param name="reduction">How the values combine: <see cref="Reduction.Mean"/> (default), <see cref="Reduction.Sum"/> or <see cref="Reduction.None"/>.</param>
    /// <returns>A scalar, or with <see cref="Reduction.None"/> one value per element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="prediction"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="ShapeException">The two shapes differ (nothing is broadcast).</exception>
    /// <exception cref="ArgumentException"><paramref name="reduction"/> is not a <see cref="Reduction"/>.</exception>
    public static Expr L1(Expr prediction, Expr target, Reduction reduction = Reduction.Mean)
    {
        Guard.SameShape(prediction, target, "L1");
        return Reduce(Abs(prediction - target), reduction, "L1");
    }

    /// <summary>Huber loss of d = p − t: ½d² for |d| ≤ δ, δ(|d| − ½δ) beyond: quadratic near 0, linear in the tails.</summary>
    /// <param name="prediction">The prediction, of any shape.</param>
    /// <param name="target">The target, shaped like <paramref name="prediction"/>.</param>
    /// <param name="delta">Where the quadratic part ends, δ, finite and &gt; 0.</param>
    /// <param name="reduction">How the values combine: <see cref="Reduction.Mean"/> (default), <see cref="Reduction.Sum"/> or <see cref="Reduction.None"/>.</param>
    /// <returns>A scalar, or with <see cref="Reduction.None"/> one value per element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="prediction"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="ShapeException">The two shapes differ (nothing is broadcast).</exception>
    /// <exception cref="ArgumentException"><paramref name="reduction"/> is not a <see cref="Reduction"/>, or <paramref name="delta"/> is not finite and &gt; 0.</exception>
    public static Expr Huber(Expr prediction, Expr target, double delta = 1.0, Reduction reduction = Reduction.Mean)
    {
        Guard.SameShape(prediction, target, "Huber");
        Guard.Positive(delta, "Huber");
        var d = prediction - target;
        var inside = Compare(Abs(d), CompareKind.LessOrEqual, Scalar(delta));
        return Reduce(Where(inside, 0.5 * d * d, delta * (Abs(d) - 0.5 * delta)), reduction, "Huber");
    }

    /// <summary>
    /// Tukey's biweight: K(1 − (1 − u)³) with u = (d/c)² for |d| ≤ c = √(6K), K beyond (bounded influence of outliers; a
    /// NaN d stays NaN). Computed as K·u·(3 − 3u + u²), the same polynomial without the cancellation of 1 − (1 − u)³,
    /// which would give 0 instead of ≈ d²/2 for a large K.
    /// </summary>
    /// <param name="prediction">The prediction, of any shape.</param>
    /// <param name="target">The target, shaped like <paramref name="prediction"/>.</param>
    /// <param name="k">The loss's bound K, finite and &gt; 0 (the cut-off c = √(6K)).</param>
    /// <param name="reduction">How the values combine: <see cref="Reduction.Mean"/> (default), <see cref="Reduction.Sum"/> or <see cref="Reduction.None"/>.</param>
    /// <returns>A scalar, or with <see cref="Reduction.None"/> one value per element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="prediction"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="ShapeException">The two shapes differ (nothing is broadcast).</exception>
    /// <exception cref="ArgumentException"><paramref name="reduction"/> is not a <see cref="Reduction"/>, or <paramref name="k"/> is not finite and &gt; 0.</exception>
    public static Expr Tukey(Expr prediction, Expr target, double k = 1.0, Reduction reduction = Reduction.Mean)
    {
        Guard.SameShape(prediction, target, "Tukey");
        Guard.Positive(k, "Tukey");
        var c = Math.Sqrt(6 * k);
        var d = prediction - target;
        var u = Square(d / c);
        var inside = Compare(Abs(d), CompareKind.LessOrEqual, Scalar(c));
        var beyond = Where(Equal(d, d), Full(d.Shape, k), d);   // NaN fails both tests: keep it rather than report K
        return Reduce(Where(inside, k * u * (3.0 - 3.0 * u + u * u), beyond), reduction, "Tukey");
    }

    /// <summary>
    /// Cross-entropy of softmax(logits) against target distributions over the last axis (one-hot, soft or label-smoothed
    /// rows, each summing to 1): logsumexp(x) − Σ t·x per row, which for such rows is −Σ t·log softmax(x), written so that
    /// its gradient in the logits is the textbook softmax(x) − t. (For rows that do not sum to 1 the two differ by
    /// (Σt − 1)·logsumexp(x); PyTorch's probability-target loss is the second.) A zero target never multiplies a −∞ logit.
    /// </summary>
    /// <param name="logits">The scores [..., C], classes on the last axis.</param>
    /// <param name="targets">Target distributions, shaped like <paramref name="logits"/>.</param>
    /// <param name="reduction">How the values combine: <see cref="Reduction.Mean"/> (default), <see cref="Reduction.Sum"/> or <see cref="Reduction.None"/>.</param>
    /// <returns>A scalar, or with <see cref="Reduction.None"/> one value per row, shaped like the logits without their last axis.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="logits"/> or <paramref name="targets"/> is null.</exception>
    /// <exception cref="ShapeException">The logits have rank 0, or the two shapes differ.</exception>
    /// <exception cref="ArgumentException"><paramref name="reduction"/> is not a <see cref="Reduction"/>.</exception>
    public static Expr SoftmaxCrossEntropy(Expr logits, Expr targets, Reduction reduction = Reduction.Mean)
    {
        Guard.Rank(logits, "SoftmaxCrossEntropy", 1);
        Guard.SameShape(logits, targets, "SoftmaxCrossEntropy");
        var terms = Where(Compare(targets, CompareKind.NotEqual, ZerosLike(targets)), targets * logits, ZerosLike(targets));
        return Reduce(LogSumExp(logits, new Axes(-1)) - Sum(terms, -1), reduction, "SoftmaxCrossEntropy");
    }

    /// <summary>
    /// Cross-entropy with integer class labels: logits [..., C] and labels [...] (one class index per row, checked to lie
    /// in [0, C) when evaluated). One fused primitive with a one-pass gradient softmax(x) − onehot(label); it equals
    /// <c>SoftmaxCrossEntropy(logits, OneHot(labels, C))</c> (a property checks it).
    /// </summary>
    /// <param name="logits">The scores [..., C], classes on the last axis (C concrete).</param>
    /// <param name="labels">The class indices [...], one per row, as whole numbers in [0, C).</param>
    /// <param name="reduction">How the values combine: <see cref="Reduction.Mean"/> (default), <see cref="Reduction.Sum"/> or <see cref="Reduction.None"/>.</param>
    /// <returns>A scalar, or with <see cref="Reduction.None"/> one value per row, shaped like <paramref name="labels"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="logits"/> or <paramref name="labels"/> is null.</exception>
    /// <exception cref="ShapeException">The logits have rank 0 or an open class axis, or the labels are not shaped like the logits without their last axis.</exception>
    /// <exception cref="ArgumentException"><paramref name="reduction"/> is not a <see cref="Reduction"/>; when evaluated, a label outside [0, C) or not whole.</exception>
    /// <example>
    /// <code>
    /// var x = Variable("x", Dim.Batch, 4);
    /// var labels = Variable("labels", Dim.Batch);
    /// var layer = new Dense("out", 4, 3);
    /// var loss = Losses.SoftmaxCrossEntropyWithLabels(layer.Apply(x), labels);   // the batch's mean
    /// </code>
    /// </example>
    public static Expr SoftmaxCrossEntropyWithLabels(Expr logits, Expr labels, Reduction reduction = Reduction.Mean)
    {
        const string function = "SoftmaxCrossEntropyWithLabels";
        Guard.Rank(logits, function, 1);
        Guard.NotNull(labels, function);
        var classes = logits.Shape[^1];
        if (classes == Dim.Batch || classes < 1)
            throw new ShapeException($"{function}: logits {logits.Shape} must have a concrete class axis (the last) of size ≥ 1.");
        var rows = new Shape(logits.Shape.SkipLast(1));
        if (labels.Shape != rows)
            throw new ShapeException($"{function}: labels {labels.Shape} do not match logits {logits.Shape}; labels must be shaped {rows}, one class index per row (nothing is broadcast).");
        return Reduce(SoftmaxCrossEntropyRows(logits, labels), reduction, function);
    }

    /// <summary>Rows of 0/1 with a 1 at each label; labels outside [0, classes) or not whole throw when evaluated.</summary>
    /// <param name="labels">The class indices, of any shape.</param>
    /// <param name="classes">The number of classes C, ≥ 1.</param>
    /// <returns>An expression of shape labels.Shape ++ [C].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="labels"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="classes"/> is below 1; when evaluated, a label outside [0, C) or not whole.</exception>
    public static Expr OneHot(Expr labels, int classes)
    {
        Guard.NotNull(labels, "OneHot");
        if (classes < 1) throw new ArgumentException($"OneHot: classes {classes} must be ≥ 1.", nameof(classes));
        var checkedLabels = CheckLabels(labels, classes);
        var column = Reshape(checkedLabels, labels.Shape.Insert(labels.Shape.Rank, 1));
        return Equal(column, Const(Tensor.Arange<double>(0, classes)));
    }

    /// <summary>
    /// −[t·log p + (1 − t)·log(1 − p)] for probabilities p; p is clamped to [1e-12, 1 − 1e-12] so log never sees 0.
    /// A p outside [0, 1] throws when evaluated (as in PyTorch) rather than being clamped into a plausible loss.
    /// </summary>
    /// <param name="probabilities">The predicted probabilities p, of any shape, in [0, 1].</param>
    /// <param name="targets">The targets t in [0, 1], shaped like <paramref name="probabilities"/>.</param>
    /// <param name="reduction">How the values combine: <see cref="Reduction.Mean"/> (default), <see cref="Reduction.Sum"/> or <see cref="Reduction.None"/>.</param>
    /// <returns>A scalar, or with <see cref="Reduction.None"/> one value per element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="probabilities"/> or <paramref name="targets"/> is null.</exception>
    /// <exception cref="ShapeException">The two shapes differ.</exception>
    /// <exception cref="ArgumentException"><paramref name="reduction"/> is not a <see cref="Reduction"/>; when evaluated, a probability outside [0, 1].</exception>
    public static Expr BinaryCrossEntropy(Expr probabilities, Expr targets, Reduction reduction = Reduction.Mean)
    {
        Guard.SameShape(probabilities, targets, "BinaryCrossEntropy");
        var checkedP = CheckRange(probabilities, 0, 1, "BinaryCrossEntropy", "probabilities");
        var p = Minimum(Maximum(checkedP, Scalar(1e-12)), Scalar(1 - 1e-12));
        return Reduce(-(targets * Log(p) + (1.0 - targets) * Log(1.0 - p)), reduction, "BinaryCrossEntropy");
    }

    /// <summary>Binary cross-entropy from logits, max(x, 0) − x·t + ln(1 + e^(−|x|)): stable at ±100 and beyond.</summary>
    /// <param name="logits">The logits x, of any shape.</param>
    /// <param name="targets">The targets t in [0, 1], shaped like <paramref name="logits"/>.</param>
    /// <param name="reduction">How the values combine: <see cref="Reduction.Mean"/> (default), <see cref="Reduction.Sum"/> or <see cref="Reduction.None"/>.</param>
    /// <returns>A scalar, or with <see cref="Reduction.None"/> one value per element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="logits"/> or <paramref name="targets"/> is null.</exception>
    /// <exception cref="ShapeException">The two shapes differ.</exception>
    /// <exception cref="ArgumentException"><paramref name="reduction"/> is not a <see cref="Reduction"/>.</exception>
    public static Expr BinaryCrossEntropyWithLogits(Expr logits, Expr targets, Reduction reduction = Reduction.Mean)
    {
        Guard.SameShape(logits, targets, "BinaryCrossEntropyWithLogits");
        return Reduce(Activations.Softplus(logits) - logits * targets, reduction, "BinaryCrossEntropyWithLogits");
    }

    /// <summary>Multiclass SVM hinge Σ_{j≠y} max(0, f_j − f_y + margin) per row (squared: each term squared), with one-hot targets.</summary>
    /// <param name="scores">The scores f [..., C], classes on the last axis.</param>
    /// <param name="oneHot">One-hot targets, shaped like <paramref name="scores"/>.</param>
    /// <param name="margin">The margin, finite and ≥ 0.</param>
    /// <param name="squared">True to square each term (the L2-SVM).</param>
    /// <param name="reduction">How the values combine: <see cref="Reduction.Mean"/> (default), <see cref="Reduction.Sum"/> or <see cref="Reduction.None"/>.</param>
    /// <returns>A scalar, or with <see cref="Reduction.None"/> one value per row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scores"/> or <paramref name="oneHot"/> is null.</exception>
    /// <exception cref="ShapeException">The scores have rank 0, or the two shapes differ.</exception>
    /// <exception cref="ArgumentException"><paramref name="margin"/> is negative, NaN or infinite, or <paramref name="reduction"/> is not a <see cref="Reduction"/>.</exception>
    public static Expr MulticlassHinge(Expr scores, Expr oneHot, double margin = 1.0, bool squared = false, Reduction reduction = Reduction.Mean)
    {
        Guard.Rank(scores, "MulticlassHinge", 1);
        Guard.SameShape(scores, oneHot, "MulticlassHinge");
        if (!double.IsFinite(margin) || margin < 0) throw new ArgumentException($"MulticlassHinge: margin {margin} must be finite and ≥ 0.", nameof(margin));
        var correct = Sum(scores * oneHot, -1, keepDims: true);
        var terms = Activations.Relu(scores - correct + margin) * (1.0 - oneHot);
        return Reduce(Sum(squared ? terms * terms : terms, -1), reduction, "MulticlassHinge");
    }

    /// <summary>Elementwise losses reduce over every element, row losses over the batch: both are a full Sum or Mean of what they are given.</summary>
    static Expr Reduce(Expr losses, Reduction reduction, string function) => Guard.Defined(reduction, function) switch
    {
        Reduction.Sum => Sum(losses),
        Reduction.None => losses,
        _ => Mean(losses),
    };
}
