using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using PureNet;
using PureNet.Testing;
using static PureNet.Fn;

namespace PureNet.Properties;

/// <summary>Every fused primitive equals the composition of primitives it replaces: value and VJP, on generated shapes.</summary>
public class FusedOpProperties
{
    static int Cases => OpGradientProperties.Cases;

    /// <summary>Values on a coarse grid, so windows often hold ties (where both split the gradient evenly).</summary>
    static Gen<Tensor<double>> Coarse(Shape s) =>
        Gen.ArrayOf(Gen.Choose(-3, 3), s.Size).Select(v => Tensor.FromArray(s, v.Select(i => (double)i).ToArray()));

    static bool Close(Tensor<double> a, Tensor<double> b, double tol = 1e-12) =>
        a.Shape == b.Shape && a.Span.ToArray().Zip(b.Span.ToArray()).All(p => Math.Abs(p.Item1 - p.Item2) <= tol * Math.Max(1, Math.Abs(p.Item2)));

    static Tensor<double> Unfused(Expr e) => Plan.Compile([e], PlanOptions.Default.Unfused).Run(HashMap<string, Tensor<double>>.Empty)[0];

    /// <summary>f and g agree in value and in their VJP at a random cotangent.</summary>
    static bool SameFunction(Func<Expr, Expr> fused, Func<Expr, Expr> composed, Tensor<double> x, Tensor<double> v)
    {
        var vx = Variable("x", x.Shape);
        var (f, g) = (fused(vx), composed(vx));
        var seed = Variable("v", v.Shape);
        var bind = Bind(("x", x), ("v", v));
        return Close(f.Evaluate(bind), g.Evaluate(bind))
            && Close(Reverse.Vjp(f, seed, Inputs(vx))[0].Evaluate(bind), Reverse.Vjp(g, seed, Inputs(vx))[0].Evaluate(bind));
    }

    [Fact]
    public void Max_pool_equals_the_max_over_patches() =>
        GradProperties.Verify(Prop.ForAll(Arb.From(
            from pool in PoolShapes.Of(3, 1, 7, 3)
            from x in Coarse(pool.Image)
            from v in Generators.Values(pool.Pooled, Domain.Any)
            select (x, v, size: pool.Size, stride: pool.Stride)),
            t => SameFunction(x => Pooling.MaxPool2D(x, t.size, t.stride), x => Max(Pooling.Windows(x, t.size, t.stride, "test"), 2), t.x, t.v)), Cases);

    [Fact]
    public void Softmax_cross_entropy_with_labels_equals_the_one_hot_composition() =>
        GradProperties.Verify(Prop.ForAll(Arb.From(
            from rows in Gen.Choose(1, 4)
            from classes in Gen.Choose(1, 5)
            from scale in Gen.Elements(1.0, 30.0, 1000.0)
            from labels in Gen.ArrayOf(Gen.Choose(0, classes - 1), rows)
            from x in Generators.Values(new Shape(rows, classes), Domain.Any)
            from v in Generators.Values(Shape.Scalar, Domain.Any)
            select (x: x * scale, v, labels: Const(Tensor.FromArray([.. labels.Select(l => (double)l)])), classes)),
            t => SameFunction(
                x => Losses.SoftmaxCrossEntropyWithLabels(x, t.labels, Reduction.Sum),
                x => Losses.SoftmaxCrossEntropy(x, Losses.OneHot(t.labels, t.classes), Reduction.Sum), t.x, t.v)), Cases);

    static Expr Composed(ActivationKind kind, Expr z) => kind switch
    {
        ActivationKind.Relu => Where(Greater(z, ZerosLike(z)), z, ZerosLike(z)),
        ActivationKind.Tanh => Tanh(z),
        ActivationKind.Sigmoid => Sigmoid(z),
        _ => z,
    };

    static Expr ComposedGrad(ActivationKind kind, Expr y, Expr g) => kind switch
    {
        ActivationKind.Relu => Where(Greater(y, ZerosLike(y)), g, ZerosLike(g)),
        ActivationKind.Tanh => g * (1.0 - y * y),
        ActivationKind.Sigmoid => g * y * (1.0 - y),
        _ => g,
    };

    /// <summary>Bias shapes that broadcast to x: a row, a per-channel [C, 1, 1], a scalar.</summary>
    static readonly Gen<(Shape X, Shape B)> BiasShapes =
        from n in Gen.Choose(1, 3)
        from c in Gen.Choose(1, 4)
        from h in Gen.Choose(1, 3)
        from which in Gen.Choose(0, 2)
        select which switch
        {
            0 => (new Shape(n, c), new Shape(c)),
            1 => (new Shape(n, c, h, h), new Shape(c, 1, 1)),
            _ => (new Shape(n, c), Shape.Scalar),
        };

    [Fact]
    public void Bias_activation_equals_the_add_then_the_activation() =>
        GradProperties.Verify(Prop.ForAll(Arb.From(
            from kind in Gen.Elements(ActivationKind.Identity, ActivationKind.Relu, ActivationKind.Tanh, ActivationKind.Sigmoid)
            from shapes in BiasShapes
            from x in Generators.Values(shapes.X, Domain.Any)
            from b in Generators.Values(shapes.B, Domain.Any)
            from v in Generators.Values(shapes.X, Domain.Any)
            select (kind, x, b, v)),
            t => SameFunction(x => BiasActivation(x, Const(t.b), t.kind), x => Composed(t.kind, x + Const(t.b)), t.x, t.v)
                 && Close(ActivationGrad(t.kind, Const(t.x), Const(t.v)).Evaluate<double>(), ComposedGrad(t.kind, Const(t.x), Const(t.v)).Evaluate<double>(), 1e-14)), Cases);
    /// <summary>Both operands are differentiated: x is a or b, the other a constant.</summary>
    [Fact]
    public void Matmul_sum_equals_the_product_summed_down() =>
        GradProperties.Verify(Prop.ForAll(Arb.From(
            from t in OpCatalog.MatMulSumShapes
            from a in Generators.Values(t.A, Domain.Any)
            from b in Generators.Values(t.B, Domain.Any)
            from v in Generators.Values(t.Target, Domain.Any)
            from xIsA in Gen.Elements(true, false)
            select (t, a, b, v, xIsA)),
            c =>
            {
                var (t, a, b) = (c.t, c.a, c.b);
                Expr Fused(Expr x, Expr y) => MatMulSumTo(x, y, t.TransposeA, t.TransposeB, t.Target);
                Expr Composed(Expr x, Expr y) => SumTo(new Apply(new MatMulOp(t.TransposeA, t.TransposeB), Inputs(x, y)), t.Target);
                return c.xIsA
                    ? SameFunction(x => Fused(x, Const(b)), x => Composed(x, Const(b)), a, c.v)
                    : SameFunction(x => Fused(Const(a), x), x => Composed(Const(a), x), b, c.v);
            }), Cases);
    /// <summary>Padding read in place: patches of x with padding are the patches of the zero-padded x, and fold drops the border.</summary>
    [Fact]
    public void Padded_patches_equal_the_patches_of_the_padded_image() =>
        GradProperties.Verify(Prop.ForAll(Arb.From(
            from n in Gen.Choose(1, 2)
            from c in Gen.Choose(1, 2)
            from h in Gen.Choose(1, 5)
            from w in Gen.Choose(1, 5)
            from ph in Gen.Choose(0, 3)
            from pw in Gen.Choose(0, 3)
            from kh in Gen.Choose(1, h + 2 * ph)
            from kw in Gen.Choose(1, w + 2 * pw)
            from sh in Gen.Choose(1, 3)
            from sw in Gen.Choose(1, 3)
            let image = new Shape(n, c, h, w)
            let patches = new PatchesOp(kh, kw, sh, sw, ph, pw).InferShape([image])
            from x in Generators.Values(image, Domain.Any)
            from v in Generators.Values(patches, Domain.Any)
            select (x, v, kh, kw, sh, sw, ph, pw)),
            t => SameFunction(
                     x => Patches(x, t.kh, t.kw, t.sh, t.sw, t.ph, t.pw),
                     x => Patches(Pad(x, [0, 0, t.ph, t.pw], [0, 0, t.ph, t.pw]), t.kh, t.kw, t.sh, t.sw), t.x, t.v)
                 && SameFunction(
                     p => Fold(p, t.x.Shape, t.sh, t.sw, t.ph, t.pw),
                     p => Slice(Slice(Fold(p, new Shape(t.x.Shape[0], t.x.Shape[1], t.x.Shape[2] + 2 * t.ph, t.x.Shape[3] + 2 * t.pw), t.sh, t.sw), 2, t.ph, t.x.Shape[2]), 3, t.pw, t.x.Shape[3]),
                     t.v, t.x)), Cases);
    /// <summary>ReLU then max pooling: the pooling's gradient with the ReLU mask joined in equals the two gradient ops.</summary>
    [Fact]
    public void Max_pool_relu_grad_equals_relu_grad_of_max_pool_grad() =>
        GradProperties.Verify(Prop.ForAll(Arb.From(
            from pool in PoolShapes.Of(3, 1, 7, 3)
            from x in Coarse(pool.Image)
            from g in Generators.Values(pool.Pooled, Domain.Any)
            from v in Generators.Values(pool.Image, Domain.Any)
            select (x, g, v, size: pool.Size, stride: pool.Stride)),
            t =>
            {
                // Coarse values hold zeros and ties; the mask must treat them as relu_grad does.
                var y = Const(t.x);
                var pooled = Pooling.MaxPool2D(y, t.size, t.stride);
                var grad = new Apply(new MaxPoolGradOp(t.size, t.stride), Inputs(y, pooled, Const(t.g)));
                var composed = new Apply(new ActivationGradOp(ActivationKind.Relu), Inputs(y, grad));
                var fused = Simplifier.Simplify(composed, [new ReluMaskIntoPoolGrad()]);
                Expr Composed(Expr g) => new Apply(new ActivationGradOp(ActivationKind.Relu), Inputs(y, new Apply(new MaxPoolGradOp(t.size, t.stride), Inputs(y, pooled, g))));
                return fused is Apply { Op: MaxPoolGradOp { Relu: true } }
                    && SameFunction(g => Simplifier.Simplify(Composed(g), [new ReluMaskIntoPoolGrad()]), Composed, t.g, t.v)
                    && Close(Unfused(fused), Unfused(composed));
            }), Cases);
}
