using FsCheck;
using FsCheck.Fluent;
using PureNet;
using PureNet.Testing;
using static PureNet.Fn;

namespace PureNet.Testing;

/// <summary>One row per primitive op (PyTorch's OpInfo): the op records it covers and how to sample inputs away from its kinks.</summary>
/// <param name="Name">The row's name (its op types' names).</param>
/// <param name="Ops">The op records the row exercises.</param>
/// <param name="Samples">Functions built on the ops, with inputs away from their kinks.</param>
public sealed record OpCase(string Name, Type[] Ops, Gen<GradSample> Samples)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>
/// The catalog every primitive op is checked against: one <see cref="OpCase"/> per op (or per op and its gradient op),
/// each with samples its gradient, JVP and second derivatives are checked at. A test asserts every op type is covered.
/// </summary>
/// <example>
/// <code>
/// foreach (var row in OpCatalog.All)
///     GradProperties.Verify(GradProperties.Gradient(row.Samples), cases: 25);
/// </code>
/// </example>
public static class OpCatalog
{
    static Gen<Shape[]> One(int minRank = 0) => Generators.Shape(minRank).Select(s => new[] { s });
    static Gen<Shape[]> Same2 => Generators.Shape().Select(s => new[] { s, s });
    static Gen<Shape[]> Pair => Generators.BroadcastPair().Select(p => new[] { p.A, p.B });

    static OpCase Unary(Type op, Func<Expr, Expr> f, Domain d) => new(op.Name, [op], GradProperties.Samples(One(), xs => f(xs[0]), d));
    static OpCase Binary(Type op, Func<Expr, Expr, Expr> f, params Domain[] d) => new(op.Name, [op], GradProperties.Samples(Pair, xs => f(xs[0], xs[1]), d));

    /// <summary>A two-input choice sampled without ties: both operands are halves of one tensor of distinct values.</summary>
    static OpCase Untied(Type op, Func<Expr, Expr, Expr> f) =>
        new(op.Name, [op], GradProperties.Samples(One().Select(s => new[] { s[0].Insert(0, 2) }), xs => f(Slice(xs[0], 0, 0, 1), Slice(xs[0], 0, 1, 1)), Domain.Distinct3));

    static readonly Gen<(Axes Axes, bool Keep, Shape Shape)> Reduction =
        from shape in Generators.Shape(1, 3)
        from mask in Gen.ArrayOf(Gen.Elements(true, false), shape.Rank)
        from keep in Gen.Elements(true, false)
        select (new Axes(Enumerable.Range(0, shape.Rank).Where(a => mask[a])), keep, shape);

    static OpCase Reduce(Type op, Func<Expr, Axes, bool, Expr> f, Domain d) =>
        new(op.Name, [op], from r in Reduction
                           from s in GradProperties.Samples(Gen.Constant(new[] { r.Shape }), xs => f(xs[0], r.Axes, r.Keep), d)
                           select s);

    static Gen<GradSample> Structural(Gen<Shape> shapes, Func<Shape, Gen<Func<Expr, Expr>>> build) =>
        from shape in shapes
        from f in build(shape)
        from s in GradProperties.Samples(Gen.Constant(new[] { shape }), xs => f(xs[0]), Domain.Any)
        select s;

    /// <summary>
    /// A product op(a)·op(b) with broadcast leading axes and a shape it is summed down to (leading axes only): the batch
    /// on one side ([n]·[]), on both ([n]·[n]), or crossed ([n, 1]·[p] → [n, p]) and summed partly.
    /// </summary>
    /// <param name="A">The left operand's shape.</param>
    /// <param name="B">The right operand's shape.</param>
    /// <param name="TransposeA">Whether a is transposed.</param>
    /// <param name="TransposeB">Whether b is transposed.</param>
    /// <param name="Target">The shape the product is summed down to.</param>
    public sealed record MatMulSumShape(Shape A, Shape B, bool TransposeA, bool TransposeB, Shape Target)
    {
        /// <inheritdoc/>
        public override string ToString() => $"{A}{(TransposeA ? "ᵀ" : "")} · {B}{(TransposeB ? "ᵀ" : "")} → {Target}";
    }

    /// <summary>Generated <see cref="MatMulSumShape"/> cases: every layout of leading axes and transposes <see cref="Fn.MatMulSumTo"/> handles.</summary>
    public static readonly Gen<MatMulSumShape> MatMulSumShapes =
        from n in Gen.Choose(1, 3)
        from p in Gen.Choose(1, 3)
        from m in Gen.Choose(1, 4)
        from k in Gen.Choose(1, 4)
        from c in Gen.Choose(1, 4)
        from ta in Gen.Elements(true, false)
        from tb in Gen.Elements(true, false)
        from leads in Gen.Elements<(int[] A, int[] B, int[][] Targets)>(
            ([n], [], [[], [1]]),
            ([n], [n], [[], [1]]),
            ([n, 1], [p], [[], [p], [n, 1], [1, 1], [1, p]]))
        from target in Gen.Elements(leads.Targets)
        select new MatMulSumShape(
            new Shape([.. leads.A, .. ta ? new[] { k, m } : [m, k]]),
            new Shape([.. leads.B, .. tb ? new[] { c, k } : [k, c]]),
            ta, tb, new Shape([.. target, m, c]));

    /// <summary>Every row of the catalog.</summary>
    public static IReadOnlyList<OpCase> All { get; } =
    [
        Binary(typeof(AddOp), Add, Domain.Any),
        Binary(typeof(SubOp), Sub, Domain.Any),
        Binary(typeof(MulOp), Mul, Domain.Any),
        Binary(typeof(DivOp), Div, Domain.Any, Domain.Positive),
        Binary(typeof(PowOp), Pow, Domain.Positive, Domain.Any),
        Untied(typeof(MaximumOp), Maximum),
        Untied(typeof(MinimumOp), Minimum),
        Unary(typeof(NegOp), Neg, Domain.Any),
        Unary(typeof(ExpOp), Exp, Domain.Any),
        Unary(typeof(SinOp), Sin, new Domain(-4, 4)),
        Unary(typeof(SoftplusOp), Activations.Softplus, new Domain(-6, 6)),
        Unary(typeof(LogSigmoidOp), LogSigmoid, new Domain(-6, 6)),
        Unary(typeof(TanOp), Tan, new Domain(-1.2, 1.2)),
        new(nameof(CustomVjpOp), [typeof(CustomVjpOp)], GradProperties.Samples(Same2, xs => CustomVjp("scaled_softplus", x => Log(1.0 + Exp(x[0])) * x[1],
            (x, y, g) => [g * x[1] * Sigmoid(x[0]), g * Log(1.0 + Exp(x[0]))])(xs), Domain.Any)),
        new(nameof(CustomJvpOp), [typeof(CustomJvpOp)], GradProperties.Samples(Same2, xs => CustomJvp("scaled_softplus", x => Log(1.0 + Exp(x[0])) * x[1],
            (x, y, t) => t[0] * x[1] * Sigmoid(x[0]) + t[1] * Log(1.0 + Exp(x[0])))(xs), Domain.Any)),
        Unary(typeof(AtanOp), Atan, Domain.Any),
        Unary(typeof(SinhOp), Sinh, Domain.Any),
        Unary(typeof(CoshOp), Cosh, Domain.Any),
        Unary(typeof(Expm1Op), Expm1, Domain.Any),
        Unary(typeof(SquareOp), Square, Domain.Any),
        Unary(typeof(ReciprocalOp), Reciprocal, new Domain(-2, 2, 0.3, false, 0)),
        Unary(typeof(RsqrtOp), Rsqrt, Domain.Positive),
        Unary(typeof(ClampOp), x => Clamp(x, -1, 1), new Domain(-2, 2, 0.05, false, -1, 1)),
        Unary(typeof(FloorOp), Floor, new Domain(-2.5, 2.5, 0.05, false, -2, -1, 0, 1, 2)),
        Unary(typeof(CeilOp), Ceil, new Domain(-2.5, 2.5, 0.05, false, -2, -1, 0, 1, 2)),
        Unary(typeof(RoundOp), Round, new Domain(-2.4, 2.4, 0.05, false, -1.5, -0.5, 0.5, 1.5)),
        Unary(typeof(CosOp), Cos, new Domain(-4, 4)),
        Unary(typeof(LogOp), Log, Domain.Positive),
        Unary(typeof(Log1pOp), Log1p, new Domain(-0.6, 2)),
        Unary(typeof(SqrtOp), Sqrt, Domain.Positive),
        Unary(typeof(AbsOp), Abs, Domain.AwayFromZero),
        Unary(typeof(SignOp), x => Sign(x) * x, Domain.AwayFromZero),
        Unary(typeof(TanhOp), Tanh, Domain.Any),
        Unary(typeof(SigmoidOp), Sigmoid, Domain.Any),
        Unary(typeof(ErfOp), Erf, Domain.Any),
        new(nameof(CompareOp) + "+" + nameof(SelectOp), [typeof(CompareOp), typeof(SelectOp)],
            GradProperties.Samples(Same2, xs => Where(Greater(xs[0], Zeros(xs[0].Shape)), xs[0] * xs[1], Exp(xs[1])), Domain.AwayFromZero, Domain.Any)),
        new(nameof(StopGradientOp), [typeof(StopGradientOp)],
            GradProperties.Samples(Same2, xs => StopGradient(Tanh(xs[0])) * xs[1], Domain.Any).Select(s => s with { Wrt = ["x1"] })),
        new(nameof(FillOp), [typeof(FillOp)], GradProperties.Samples(One(), xs => xs[0] * Full(xs[0].Shape, 2.5) + Ones(xs[0].Shape), Domain.Any)),
        new(nameof(CheckLabelsOp), [typeof(CheckLabelsOp)],
            GradProperties.Samples(Generators.Shape(1, 1).Select(s => new[] { new Shape(s[0], 3) }),
                xs => Losses.SoftmaxCrossEntropy(xs[0], Losses.OneHot(Const(Tensor.Arange<double>(0, xs[0].Shape[0]) * 0.0 + 1.0), 3)), Domain.Any)),
        new(nameof(CheckRangeOp), [typeof(CheckRangeOp)], GradProperties.Samples(One(), xs => Tanh(CheckRange(xs[0], -3, 3, "test", "x")) * xs[0], Domain.Any)),
        new(nameof(DropoutMaskOp), [typeof(DropoutMaskOp)], GradProperties.Samples(One(), xs => Dropout(xs[0], 0.5, true, Const(RandomKey.Of<double>(3))), Domain.Any)),
        Reduce(typeof(SumOp), Sum, Domain.Any),
        new(nameof(MeanOp) + "+" + nameof(CountOp), [typeof(MeanOp), typeof(CountOp)], Reduce(typeof(MeanOp), Mean, Domain.Any).Samples),
        Reduce(typeof(MaxOp), Max, Domain.Distinct3),
        Reduce(typeof(LogSumExpOp), LogSumExp, Domain.Any),
        new(nameof(MatMulOp), [typeof(MatMulOp)],
            from batch in Gen.Choose(0, 2)
            from m in Gen.Choose(1, 4)
            from k in Gen.Choose(1, 4)
            from n in Gen.Choose(1, 4)
            let a = batch == 0 ? new Shape(m, k) : new Shape(batch, m, k)
            from s in GradProperties.Samples(Gen.Constant(new[] { a, new Shape(k, n) }), xs => MatMul(xs[0], xs[1]), Domain.Any)
            select s),
        new(nameof(MatMulSumOp), [typeof(MatMulSumOp)],
            from t in MatMulSumShapes
            from s in GradProperties.Samples(Gen.Constant(new[] { t.A, t.B }), xs => MatMulSumTo(xs[0], xs[1], t.TransposeA, t.TransposeB, t.Target), Domain.Any)
            select s),
        new(nameof(BroadcastToOp), [typeof(BroadcastToOp)],
            from p in Generators.BroadcastPair()
            let sb = Broadcast.Reaches(p.A, p.B) ? (Small: p.A, Big: p.B) : (Small: p.B, Big: p.A)
            from s in GradProperties.Samples(Gen.Constant(new[] { sb.Small }), xs => BroadcastTo(xs[0], sb.Big), Domain.Any)
            select s),
        new(nameof(ReshapeOp), [typeof(ReshapeOp)], Structural(Generators.Shape(1, 3), s => Gen.Constant<Func<Expr, Expr>>(x => Reshape(x, s.Size, 1)))),
        new(nameof(TransposeOp), [typeof(TransposeOp)], Structural(Generators.Shape(2, 4),
            s => Gen.Shuffle(Enumerable.Range(0, s.Rank).ToArray()).Select<int[], Func<Expr, Expr>>(p => x => Permute(x, p)))),
        new(nameof(SliceOp) + "+" + nameof(PadOp), [typeof(SliceOp), typeof(PadOp)], Structural(Generators.Shape(1, 3),
            s => from axis in Gen.Choose(0, s.Rank - 1)
                 from start in Gen.Choose(0, s[axis] - 1)
                 from len in Gen.Choose(1, s[axis] - start)
                 from pad in Gen.Choose(0, 2)
                 select (Func<Expr, Expr>)(x => Pad(Slice(x, axis, start, len), Enumerable.Repeat(pad, s.Rank).ToArray(), Enumerable.Repeat(1, s.Rank).ToArray())))),
        new(nameof(ConcatOp), [typeof(ConcatOp)], Structural(Generators.Shape(1, 3),
            s => Gen.Choose(0, s.Rank - 1).Select<int, Func<Expr, Expr>>(axis => x => Concat(axis, x, Tanh(x), x * x)))),
        new(nameof(MaxPoolOp) + "+" + nameof(MaxPoolGradOp), [typeof(MaxPoolOp), typeof(MaxPoolGradOp)],
            from pool in PoolShapes.Of(2, 2, 5, 2)
            // The pooling's VJP at a cotangent v: the gradient reaches v through max_pool2d_grad (and x through both ops).
            from s in GradProperties.Samples(Gen.Constant(new[] { pool.Image, pool.Pooled }),
                xs => Sum(Square(Reverse.Vjp(Pooling.MaxPool2D(xs[0], pool.Size, pool.Stride), xs[1], [xs[0]])[0])) + Sum(Pooling.MaxPool2D(xs[0], pool.Size, pool.Stride)),
                Domain.Distinct3, Domain.Any)
            select s),
        new(nameof(MaxPoolGradOp) + "(Relu)", [typeof(MaxPoolGradOp)],
            from pool in PoolShapes.Of(2, 2, 5, 2)
            // ReLU then pooling: the reverse pass joins the ReLU's mask into max_pool2d_relu_grad, whose own VJP runs too.
            from s in GradProperties.Samples(Gen.Constant(new[] { pool.Image, pool.Pooled }),
                xs => Sum(Square(Reverse.Vjp(Pooling.MaxPool2D(Activations.Relu(xs[0]), pool.Size, pool.Stride), xs[1], [xs[0]])[0])) + Sum(Pooling.MaxPool2D(Activations.Relu(xs[0]), pool.Size, pool.Stride)),
                new Domain(-2, 2, 0.05, true, 0), Domain.Any)
            select s),
        new(nameof(SoftmaxCrossEntropyOp) + "+" + nameof(SoftmaxCrossEntropyGradOp), [typeof(SoftmaxCrossEntropyOp), typeof(SoftmaxCrossEntropyGradOp)],
            from rows in Gen.Choose(1, 3)
            from classes in Gen.Choose(1, 4)
            from labels in Gen.ArrayOf(Gen.Choose(0, classes - 1), rows)
            let y = Const(Tensor.FromArray([.. labels.Select(l => (double)l)]))
            // The loss and its VJP at a cotangent v: second derivatives run through the gradient op's own rule.
            from s in GradProperties.Samples(Gen.Constant(new[] { new Shape(rows, classes), new Shape(rows) }),
                xs => Sum(SoftmaxCrossEntropyRows(xs[0], y) * xs[1]) + Sum(Square(Reverse.Vjp(SoftmaxCrossEntropyRows(xs[0], y), xs[1], [xs[0]])[0])),
                Domain.Any)
            select s),
        new(nameof(ReluOp) + "+" + nameof(ActivationGradOp), [typeof(ReluOp), typeof(ActivationGradOp)],
            // The op and its VJP at v, so the gradient runs through relu_grad's own rule as well; x away from the kink.
            GradProperties.Samples(Generators.Shape(0, 3).Select(x => new[] { x, x }),
                xs => Sum(Activations.Relu(xs[0]) * xs[1]) + Sum(Square(Reverse.Vjp(Activations.Relu(xs[0]), xs[1], [xs[0]])[0])),
                Domain.AwayFromZero, Domain.Any)),
        new(nameof(BiasActivationOp) + "+" + nameof(ActivationGradOp), [typeof(BiasActivationOp), typeof(ActivationGradOp)],
            from kind in Gen.Elements(ActivationKind.Identity, ActivationKind.Relu, ActivationKind.Tanh, ActivationKind.Sigmoid)
            from x in Generators.Shape(1, 3)
            let b = new Shape(x.Skip(1))
            // The op with a bias and its VJP at v, so the gradient runs through act_grad's own rule as well. For ReLU,
            // x stays 0.05 or more from zero and the bias within ±0.02, which keeps x + b away from the kink.
            from s in GradProperties.Samples(Gen.Constant(new[] { x, b, x }),
                xs => Sum(BiasActivation(xs[0], xs[1], kind) * xs[2]) + Sum(Square(Reverse.Vjp(BiasActivation(xs[0], xs[1], kind), xs[2], [xs[0]])[0])),
                kind == ActivationKind.Relu ? Domain.AwayFromZero : Domain.Any, kind == ActivationKind.Relu ? new Domain(-0.02, 0.02) : Domain.Any, Domain.Any)
            select s),
        new(nameof(PadSumOp), [typeof(PadSumOp)],
            from rows in Gen.Choose(1, 3)
            from cols in Gen.Choose(3, 5)
            from a in Gen.Choose(0, cols - 2)
            from b in Gen.Choose(0, cols - 1)
            // Two overlapping pieces scattered into one [rows, cols] tensor, then a smooth function of the sum.
            from s in GradProperties.Samples(Gen.Constant(new[] { new Shape(rows, 2), new Shape(rows, 1) }),
                xs => Sum(Tanh(new Apply(new PadSumOp([new Axes(0, a), new Axes(0, b)], new Shape(rows, cols)), [xs[0], xs[1] * xs[1]])) * Const(Tensor.Reshape(Tensor.Arange<double>(1, 1 + rows * cols), new Shape(rows, cols)))),
                Domain.Any)
            select s),
        new(nameof(PatchesOp) + "+" + nameof(FoldOp), [typeof(PatchesOp), typeof(FoldOp)],
            from n in Gen.Choose(1, 2)
            from c in Gen.Choose(1, 2)
            from h in Gen.Choose(2, 5)
            from w in Gen.Choose(2, 5)
            from kh in Gen.Choose(1, h)
            from kw in Gen.Choose(1, w)
            from sh in Gen.Choose(1, 2)
            from sw in Gen.Choose(1, 2)
            from ph in Gen.Choose(0, 2)
            from pw in Gen.Choose(0, 2)
            let image = new Shape(n, c, h, w)
            // Patches and then folding the squared patches back: both ops and both rules in one function.
            from s in GradProperties.Samples(Gen.Constant(new[] { image }), xs => Fold(Square(Patches(xs[0], kh, kw, sh, sw, ph, pw)), image, sh, sw, ph, pw), Domain.Any)
            select s),
    ];
}
