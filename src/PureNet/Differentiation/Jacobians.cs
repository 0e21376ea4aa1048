using LanguageExt;

namespace PureNet;

/// <summary>JAX's calculus over expressions: JVPs, Jacobians both ways, Hessians and Hessian-vector products.</summary>
public static partial class Fn
{
    /// <summary>The directional derivative J·v of f at x along v (shaped like x): f's tangent, an expression shaped like f.</summary>
    /// <param name="f">The expression to differentiate, of any shape.</param>
    /// <param name="x">The input that moves (a variable or any node of f).</param>
    /// <param name="v">The direction, an expression shaped like <paramref name="x"/>.</param>
    /// <returns>∂f/∂x · v, simplified, shaped like <paramref name="f"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/>, <paramref name="x"/> or <paramref name="v"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="v"/> is not shaped like <paramref name="x"/>, or one variable name is used with two shapes.</exception>
    /// <exception cref="InvalidOperationException">An op's JVP rule returned null or a tangent of the wrong shape.</exception>
    /// <example>
    /// <code>
    /// var x = Variable("x", 3);
    /// var v = Variable("v", 3);
    /// Expr d = Jvp(Sum(x * x * x), x, v);     // 3 * sum(x^2 * v)
    /// var s = Variable("s");
    /// Expr e = Jvp(Sin(s), s, Scalar(2.0));   // 2 * cos(s)
    /// </code>
    /// </example>
    public static Expr Jvp(Expr f, Expr x, Expr v) => Forward.Jvp([Guard.NotNull(f, "jvp")], [(Guard.NotNull(x, "jvp"), Guard.NotNull(v, "jvp"))])[0];

    /// <summary>f's tangent when several inputs move at once, each along its own v: Σᵢ ∂f/∂xᵢ · vᵢ.</summary>
    /// <param name="f">The expression to differentiate.</param>
    /// <param name="tangents">(x, v) pairs, each v shaped like its x; at least one.</param>
    /// <returns>f's tangent, simplified, shaped like <paramref name="f"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="tangents"/> is null, or a pair holds null.</exception>
    /// <exception cref="ArgumentException"><paramref name="tangents"/> is empty.</exception>
    /// <exception cref="ShapeException">A v is not shaped like its x, or one variable name is used with two shapes.</exception>
    /// <exception cref="InvalidOperationException">An op's JVP rule returned null or a tangent of the wrong shape.</exception>
    public static Expr Jvp(Expr f, params (Expr X, Expr V)[] tangents) => Forward.Jvp([Guard.NotNull(f, "jvp")], Guard.NotNull(tangents, "jvp"))[0];

    /// <summary>
    /// The Jacobian ∂y/∂x by forward mode, one JVP per element of x: shape y.Shape ++ x.Shape (JAX's layout). x needs a
    /// concrete shape; y may keep an open batch axis (a Jacobian in the parameters for every example).
    /// </summary>
    /// <param name="y">The function's output, of any shape.</param>
    /// <param name="x">The input, of a concrete shape.</param>
    /// <returns>∂y/∂x, simplified, of shape y.Shape ++ x.Shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="y"/> or <paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/> has the batch axis.</exception>
    public static Expr JacFwd(Expr y, Expr x)
    {
        (y, x) = (Guard.NotNull(y, "JacFwd"), Guard.NotNull(x, "JacFwd"));
        if (x.Shape.HasBatch)
            throw new ShapeException($"JacFwd: x {x.Shape} must have a concrete shape (no batch axis): forward mode takes one JVP per element of x. Use JacRev for a batched x.");
        var n = x.Shape.Size;
        var basis = Enumerable.Range(0, n).Select(j => (Expr)Const(Tensor.FromArray(x.Shape, [.. Enumerable.Range(0, n).Select(k => k == j ? 1.0 : 0.0)]))).ToArray();
        var tangents = basis.Select(e => Forward.Jvp([y], [(x, e)], simplify: false)[0]).ToArray();
        var stacked = Concat(y.Shape.Rank, [.. tangents.Select(t => Reshape(t, y.Shape.Insert(y.Shape.Rank, 1)))]);
        return Simplifier.Simplify(Reshape(stacked, new Shape([.. y.Shape, .. x.Shape])));
    }

    /// <summary>
    /// The Jacobian ∂y/∂x by reverse mode, one VJP per element of y: shape y.Shape ++ x.Shape. y needs a concrete shape;
    /// x may keep an open batch axis.
    /// </summary>
    /// <param name="y">The function's output, of a concrete shape.</param>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>∂y/∂x, simplified, of shape y.Shape ++ x.Shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="y"/> or <paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="y"/> has the batch axis.</exception>
    public static Expr JacRev(Expr y, Expr x)
    {
        (y, x) = (Guard.NotNull(y, "JacRev"), Guard.NotNull(x, "JacRev"));
        if (y.Shape.HasBatch)
            throw new ShapeException($"JacRev: y {y.Shape} must have a concrete shape (no batch axis): reverse mode takes one VJP per element of y. Use JacFwd for a batched y.");
        var m = y.Shape.Size;
        var flat = Reshape(y, m);
        var rows = Enumerable.Range(0, m).Select(i => Reshape(RawGrad(Slice(flat, 0, i, 1), x)[0], x.Shape.Insert(0, 1))).ToArray();
        return Simplifier.Simplify(Reshape(Concat(0, rows), new Shape([.. y.Shape, .. x.Shape])));
    }

    /// <summary>The full Jacobian of y with respect to x as an expression of shape [size(y), size(x)]; for small, concrete shapes.</summary>
    /// <param name="y">The function's output, of a concrete shape.</param>
    /// <param name="x">The input, of a concrete shape.</param>
    /// <returns>∂y/∂x flattened to [size(y), size(x)]: row i holds the gradient of y's i-th element (row-major).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="y"/> or <paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="y"/> or <paramref name="x"/> has the batch axis.</exception>
    public static Expr Jacobian(Expr y, Expr x)
    {
        (y, x) = (Guard.NotNull(y, "Jacobian"), Guard.NotNull(x, "Jacobian"));
        if (y.Shape.HasBatch || x.Shape.HasBatch)
            throw new ShapeException($"Jacobian: y {y.Shape} and x {x.Shape} must have concrete shapes (no batch axis); the full Jacobian has one row per element of y.");
        return Reshape(JacRev(y, x), y.Shape.Size, x.Shape.Size);
    }

    /// <summary>The full Hessian of a scalar f in x, shape [size(x), size(x)], forward-over-reverse: one JVP of ∇f per element of x.</summary>
    /// <param name="f">A scalar expression: one element, no batch axis.</param>
    /// <param name="x">The input, of a concrete shape.</param>
    /// <returns>∂²f/∂x² flattened to [size(x), size(x)].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/> has the batch axis, or <paramref name="f"/> is not a scalar.</exception>
    /// <example>
    /// <code>
    /// var x = Variable("x", 2);
    /// var f = Sum(x * x * x);                      // Σ xᵢ³
    /// var h = Hessian(f, x).Evaluate(("x", Tensor.FromArray&lt;double&gt;(new Shape(2), [1, 2])));
    /// // h = [[6, 0], [0, 12]]: diag(6xᵢ); HessianRev(f, x) gives the same
    /// </code>
    /// </example>
    public static Expr Hessian(Expr f, Expr x)
    {
        (f, x) = (Guard.NotNull(f, "Hessian"), Guard.NotNull(x, "Hessian"));
        if (x.Shape.HasBatch) throw new ShapeException($"Hessian: x {x.Shape} must have a concrete shape (no batch axis); the Hessian has one row per element of x.");
        return Reshape(JacFwd(Grad(f, x), x), x.Shape.Size, x.Shape.Size);
    }

    /// <summary>The Hessian reverse-over-reverse (one VJP of ∇f per element of x), equal to <see cref="Hessian"/>.</summary>
    /// <param name="f">A scalar expression: one element, no batch axis.</param>
    /// <param name="x">The input, of a concrete shape.</param>
    /// <returns>∂²f/∂x² flattened to [size(x), size(x)].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/> has the batch axis, or <paramref name="f"/> is not a scalar.</exception>
    public static Expr HessianRev(Expr f, Expr x) => Jacobian(Grad(Guard.NotNull(f, "HessianRev"), Guard.NotNull(x, "HessianRev")), x);

    /// <summary>Hessian-vector product (∂²f/∂x²)·v reverse-over-reverse, by differentiating ⟨∇f, v⟩ again; v is shaped like x.</summary>
    /// <param name="f">A scalar expression: one element, no batch axis.</param>
    /// <param name="x">The input.</param>
    /// <param name="v">The vector, an expression shaped like <paramref name="x"/>.</param>
    /// <returns>H·v, simplified, shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/>, <paramref name="x"/> or <paramref name="v"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="v"/> is not shaped like <paramref name="x"/>, or <paramref name="f"/> is not a scalar.</exception>
    public static Expr Hvp(Expr f, Expr x, Expr v)
    {
        (f, x, v) = HvpArguments(f, x, v, "Hvp");
        return Grad(Sum(Grad(f, x) * v), x);
    }

    /// <summary>Hessian-vector product forward-over-reverse: the JVP of ∇f along v (one pass, no second reverse sweep), equal to <see cref="Hvp"/>.</summary>
    /// <param name="f">A scalar expression: one element, no batch axis.</param>
    /// <param name="x">The input.</param>
    /// <param name="v">The vector, an expression shaped like <paramref name="x"/>.</param>
    /// <returns>H·v, simplified, shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/>, <paramref name="x"/> or <paramref name="v"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="v"/> is not shaped like <paramref name="x"/>, or <paramref name="f"/> is not a scalar.</exception>
    public static Expr HvpFwd(Expr f, Expr x, Expr v)
    {
        (f, x, v) = HvpArguments(f, x, v, "HvpFwd");
        return Jvp(Grad(f, x), x, v);
    }

    static (Expr, Expr, Expr) HvpArguments(Expr f, Expr x, Expr v, string function)
    {
        (f, x, v) = (Guard.NotNull(f, function), Guard.NotNull(x, function), Guard.NotNull(v, function));
        if (v.Shape != x.Shape) throw new ShapeException($"{function}: v has shape {v.Shape} but x has {x.Shape}; v must be shaped like x.");
        return (f, x, v);
    }
}
