using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// A model's named tensors (parameters, gradients, updates, optimizer moments): an immutable map name → tensor with
/// the operations optimizers need. Traversals that combine values (fold, global norm) go in ordinal name order, so
/// the same tree gives bit-identical results in every process. Compared by value.
/// </summary>
/// <typeparam name="T">The tensors' element type: float or double.</typeparam>
/// <param name="Tensors">The tensors by name; none may be null.</param>
/// <exception cref="ArgumentNullException">A tensor is null.</exception>
/// <example>
/// <code>
/// var p = ParamTrees.Of(("l1.W", Tensor.Zeros&lt;float&gt;(new Shape(2, 3))), ("l1.b", Tensor.Zeros&lt;float&gt;(new Shape(3))));
/// var halved = p * 0.5f;                     // every tensor scaled
/// var norm = (p - halved).GlobalNorm();      // √(Σ x²) over all elements, in ordinal name order
/// </code>
/// </example>
public sealed record ParamTree<T>(HashMap<string, Tensor<T>> Tensors) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Never holds a null tensor (checked when built and when copied with <c>with</c>), so every traversal below is safe.</summary>
    public HashMap<string, Tensor<T>> Tensors { get; init => field = NoNullTensors(value, "ParamTree"); } = NoNullTensors(Tensors, "ParamTree");

    /// <summary>The tree with no tensors.</summary>
    public static ParamTree<T> Empty { get; } = new(HashMap<string, Tensor<T>>.Empty);

    internal static HashMap<string, Tensor<T>> NoNullTensors(HashMap<string, Tensor<T>> tensors, string function)
    {
        foreach (var (name, t) in tensors)
            if (t is null) throw new ArgumentNullException(nameof(tensors), $"{function}: the tensor named '{name}' is null; every parameter needs a tensor.");
        return tensors;
    }

    /// <summary>The tensor named <paramref name="name"/>; the error lists the names there are.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No tensor has that name.</exception>
    public Tensor<T> this[string name] => Tensors.Find(Guard.NotNull(name, "ParamTree[name]")).IfNone(() =>
        throw new KeyNotFoundException($"ParamTree: no tensor named '{name}'; names: [{string.Join(", ", Names)}]."));

    /// <summary>The names in ordinal order.</summary>
    public Seq<string> Names => Prelude.toSeq(Tensors.Keys.OrderBy(k => k, StringComparer.Ordinal)).Strict();

    /// <summary>Number of tensors.</summary>
    public int Count => Tensors.Count;

    /// <summary>Number of scalars over all tensors.</summary>
    public long Size => Tensors.Values.Sum(t => (long)t.Size);

    /// <summary>Whether a tensor is named <paramref name="name"/>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when the tree holds it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public bool Contains(string name) => Tensors.ContainsKey(Guard.NotNull(name, "ParamTree.Contains"));

    /// <summary>The same tree with one tensor added or replaced.</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The tensor.</param>
    /// <returns>The new tree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="value"/> is null.</exception>
    public ParamTree<T> With(string name, Tensor<T> value)
    {
        Guard.NotNull(name, "ParamTree.With");
        if (value is null) throw new ArgumentNullException(nameof(value), $"ParamTree.With: the tensor for '{name}' is null; a value is required.");
        return new(Tensors.AddOrUpdate(name, value));
    }

    /// <summary>Every tensor through <paramref name="f"/>, names kept.</summary>
    /// <param name="f">The function applied to each tensor; it must not return null.</param>
    /// <returns>The new tree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null, or returns null.</exception>
    public ParamTree<T> Map(Func<Tensor<T>, Tensor<T>> f)
    {
        Guard.NotNull(f, "ParamTree.Map");
        return new(NoNullTensors(Tensors.Map(f), "ParamTree.Map (a result of f)"));
    }

    /// <summary>Every (name, tensor) through <paramref name="f"/>, names kept.</summary>
    /// <param name="f">The function applied to each name and tensor; it must not return null.</param>
    /// <returns>The new tree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null, or returns null.</exception>
    public ParamTree<T> Map(Func<string, Tensor<T>, Tensor<T>> f)
    {
        Guard.NotNull(f, "ParamTree.Map");
        return new(NoNullTensors(Tensors.Map((k, v) => f(k, v)), "ParamTree.Map (a result of f)"));
    }

    /// <summary>Combines two trees with the same names and shapes; a mismatch names <paramref name="caller"/>.</summary>
    /// <param name="other">The second tree: the same names, each tensor of the same shape.</param>
    /// <param name="f">The function of (this tensor, other tensor); it must not return null.</param>
    /// <param name="caller">The function named in messages.</param>
    /// <returns>f of each pair, under its name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> or <paramref name="f"/> is null, or <paramref name="f"/> returns null.</exception>
    /// <exception cref="ArgumentException">The names differ.</exception>
    /// <exception cref="ShapeException">Two tensors of one name differ in shape.</exception>
    public ParamTree<T> ZipWith(ParamTree<T> other, Func<Tensor<T>, Tensor<T>, Tensor<T>> f, string caller = "ZipWith")
    {
        caller ??= "ZipWith";
        Guard.NotNull(other, caller);
        Guard.NotNull(f, caller);
        ParamTrees.CheckSameStructure(this, other, caller);
        return new(NoNullTensors(Tensors.Map((k, v) => f(v, other.Tensors[k])), $"{caller} (a result of f)"));
    }

    /// <summary>Folds over (name, tensor) in ordinal name order.</summary>
    /// <typeparam name="S">The accumulator's type.</typeparam>
    /// <param name="seed">The initial accumulator.</param>
    /// <param name="f">The step: (accumulator, name, tensor) → accumulator.</param>
    /// <returns>The final accumulator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public S Fold<S>(S seed, Func<S, string, Tensor<T>, S> f)
    {
        Guard.NotNull(f, "ParamTree.Fold");
        return Names.Fold(seed, (s, k) => f(s, k, Tensors[k]));
    }

    /// <summary>√(Σ x²) over every element of every tensor, computed without overflow or underflow (scaled by the largest magnitude).</summary>
    /// <returns>The norm; NaN if an element is NaN, +∞ if one is infinite.</returns>
    public double GlobalNorm() => Norms.L2(Names.Map(k => Tensors[k]));

    /// <summary>Only the tensors whose names satisfy <paramref name="keep"/>.</summary>
    /// <param name="keep">The test on a name.</param>
    /// <returns>The filtered tree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keep"/> is null.</exception>
    public ParamTree<T> Where(Func<string, bool> keep)
    {
        Guard.NotNull(keep, "ParamTree.Where");
        return new(Tensors.Filter((k, _) => keep(k)));
    }

    /// <summary>The same tree in another precision.</summary>
    /// <typeparam name="TOut">The new element type: float or double.</typeparam>
    /// <returns>Every tensor converted (<see cref="Tensor.Cast{TIn, TOut}"/>).</returns>
    public ParamTree<TOut> Cast<TOut>() where TOut : unmanaged, IFloatingPointIeee754<TOut> => new(Tensors.Map(Tensor.Cast<T, TOut>));

    /// <summary>The union of two trees; a name in both throws, naming it.</summary>
    /// <param name="other">The other tree.</param>
    /// <returns>The tree holding both's tensors.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">A name is in both trees.</exception>
    public ParamTree<T> Union(ParamTree<T> other) => ParamTrees.Union(this, Guard.NotNull(other, "ParamTree.Union"));

    /// <summary>x + y tensor by tensor (same names and shapes).</summary>
    /// <param name="a">The first tree.</param>
    /// <param name="b">The second tree.</param>
    /// <returns>The sums.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">The names differ.</exception>
    /// <exception cref="ShapeException">Two tensors of one name differ in shape.</exception>
    public static ParamTree<T> operator +(ParamTree<T> a, ParamTree<T> b) => Guard.NotNull(a, "ParamTree +").ZipWith(b, Kernels.Add, "ParamTree +");
    /// <summary>x − y tensor by tensor (same names and shapes).</summary>
    /// <param name="a">The first tree.</param>
    /// <param name="b">The second tree.</param>
    /// <returns>The differences.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">The names differ.</exception>
    /// <exception cref="ShapeException">Two tensors of one name differ in shape.</exception>
    public static ParamTree<T> operator -(ParamTree<T> a, ParamTree<T> b) => Guard.NotNull(a, "ParamTree -").ZipWith(b, Kernels.Sub, "ParamTree -");
    /// <summary>Every tensor scaled by <paramref name="s"/>.</summary>
    /// <param name="a">The tree.</param>
    /// <param name="s">The factor.</param>
    /// <returns>The scaled tree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static ParamTree<T> operator *(ParamTree<T> a, T s) => Guard.NotNull(a, "ParamTree *").Map(t => Kernels.Scale(t, s));

    /// <inheritdoc/>
    public override string ToString() =>
        $"ParamTree<{typeof(T).Name}>({Count} tensors, {Size} scalars: {string.Join(", ", Names.Map(n => $"{n} {Tensors[n].Shape}"))})";

    /// <summary>Span loops for the operators: one pass, one new array, no expression graph.</summary>
    static class Kernels
    {
        public static Tensor<T> Add(Tensor<T> a, Tensor<T> b) => Fused.Zip(a, b, System.Numerics.Tensors.TensorPrimitives.Add);
        public static Tensor<T> Sub(Tensor<T> a, Tensor<T> b) => Fused.Zip(a, b, System.Numerics.Tensors.TensorPrimitives.Subtract);
        public static Tensor<T> Scale(Tensor<T> a, T s) => Fused.Map(a, (x, y) => System.Numerics.Tensors.TensorPrimitives.Multiply(x, s, y));
    }
}

/// <summary>Building parameter trees: from maps, from tuples, as the union of layers' parameters.</summary>
public static class ParamTrees
{
    /// <summary>A tree from a map of tensors.</summary>
    /// <typeparam name="T">The tensors' element type: float or double.</typeparam>
    /// <param name="tensors">The tensors by name; none may be null.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="ArgumentNullException">A tensor is null.</exception>
    public static ParamTree<T> Of<T>(HashMap<string, Tensor<T>> tensors) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(ParamTree<T>.NoNullTensors(tensors, "ParamTrees.Of"));

    /// <summary>A tree from (name, tensor) pairs: <c>ParamTrees.Of(("w", w), ("b", b))</c>.</summary>
    /// <typeparam name="T">The tensors' element type: float or double.</typeparam>
    /// <param name="tensors">The pairs; names and tensors non-null.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/>, a name or a tensor is null.</exception>
    /// <exception cref="ArgumentException">A name is given twice.</exception>
    public static ParamTree<T> Of<T>(params (string Name, Tensor<T> Value)[] tensors) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(tensors, "ParamTrees.Of");
        for (var i = 0; i < tensors.Length; i++)
        {
            if (tensors[i].Name is null) throw new ArgumentNullException(nameof(tensors), $"ParamTrees.Of: the name of tensors[{i}] is null.");
            if (tensors[i].Value is null) throw new ArgumentNullException(nameof(tensors), $"ParamTrees.Of: the tensor for '{tensors[i].Name}' (tensors[{i}]) is null.");
        }
        return new(Fn.Bind(tensors));
    }

    /// <summary>A whole model's parameters from its layers' maps (each layer's <c>Init</c>); a duplicated name throws, naming it.</summary>
    /// <typeparam name="T">The tensors' element type: float or double.</typeparam>
    /// <param name="trees">The layers' trees.</param>
    /// <returns>The union.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trees"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">A name appears in two trees.</exception>
    public static ParamTree<T> Union<T>(params ParamTree<T>[] trees) where T : unmanaged, IFloatingPointIeee754<T> =>
        Guard.NoNulls(trees, "ParamTree.Union").Aggregate(ParamTree<T>.Empty, (acc, t) => t.Fold(acc, (a, k, v) => a.Contains(k)
            ? throw new ArgumentException($"ParamTree.Union: the name '{k}' appears in two trees; parameter names must be unique across a model.", nameof(trees))
            : a.With(k, v)));

    /// <summary>The union of layers' <c>Init</c> maps (double), cast to T: <c>ParamTrees.Union&lt;float&gt;(l1Init, l2Init)</c>.</summary>
    /// <typeparam name="T">The tensors' element type: float or double.</typeparam>
    /// <param name="maps">The layers' maps.</param>
    /// <returns>The union in <typeparamref name="T"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="maps"/> or a tensor in them is null.</exception>
    /// <exception cref="ArgumentException">A name appears in two maps.</exception>
    public static ParamTree<T> Union<T>(params HashMap<string, Tensor<double>>[] maps) where T : unmanaged, IFloatingPointIeee754<T> =>
        Union(Guard.NotNull(maps, "ParamTree.Union").Select(m => new ParamTree<double>(ParamTree<double>.NoNullTensors(m, "ParamTree.Union")).Cast<T>()).ToArray());

    /// <summary>Throws unless both trees hold the same names with the same shapes; the message names the caller and the difference.</summary>
    /// <typeparam name="T">The tensors' element type: float or double.</typeparam>
    /// <param name="expected">The reference tree (the parameters).</param>
    /// <param name="given">The tree checked against it.</param>
    /// <param name="caller">The function named in the message.</param>
    /// <exception cref="ArgumentNullException"><paramref name="expected"/> or <paramref name="given"/> is null.</exception>
    /// <exception cref="ArgumentException">The names differ.</exception>
    /// <exception cref="ShapeException">Two tensors of one name differ in shape.</exception>
    public static void CheckSameStructure<T>(ParamTree<T> expected, ParamTree<T> given, string caller) where T : unmanaged, IFloatingPointIeee754<T> =>
        Compare(expected, given, caller ?? "CheckSameStructure", "the trees' names differ", "gradients and updates must name exactly the parameters", n => $"'{n}'", shapeRule: null);

    /// <summary>
    /// Like <see cref="CheckSameStructure{T}"/> for an optimizer's moment tree: the message says it is the optimizer
    /// state that does not fit (which slot, which parameter), not the gradients.
    /// </summary>
    internal static void CheckState<T>(ParamTree<T> parameters, ParamTree<T> moments, string slot, string owner) where T : unmanaged, IFloatingPointIeee754<T> =>
        Compare(parameters, moments, owner, $"the optimizer state's '{slot}' moments do not name the parameters",
            "pass the state this optimizer's Init made for these parameters", n => $"the optimizer state's '{slot}' moment for '{n}'",
            shapeRule: "the state belongs to other parameters; pass the one this optimizer's Init made for these");

    static void Compare<T>(ParamTree<T> expected, ParamTree<T> given, string caller, string namesDiffer, string rule, Func<string, string> entry, string? shapeRule)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (expected is null) throw new ArgumentNullException(nameof(expected), $"{caller}: the parameter tree is null.");
        if (given is null) throw new ArgumentNullException(nameof(given), $"{caller}: the tree to compare with the parameters is null.");
        var missing = expected.Names.Filter(n => !given.Contains(n)).ToList();
        var extra = given.Names.Filter(n => !expected.Contains(n)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
            throw new ArgumentException($"{caller}: {namesDiffer} (missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", extra)}]); {rule}.");
        foreach (var n in expected.Names)
            if (expected.Tensors[n].Shape != given.Tensors[n].Shape)
                throw new ShapeException($"{caller}: {entry(n)} has shape {given.Tensors[n].Shape}, but the parameter has shape {expected.Tensors[n].Shape}" +
                                         (shapeRule is null ? "." : $"; {shapeRule}."));
    }
}

/// <summary>Parameter trees from other results: <see cref="GradTree{T}"/> turns a gradient call's result into the tree an optimizer takes.</summary>
public static partial class ParamTreeExtensions
{
    /// <summary>The gradients of a <see cref="ValueAndGradFunction"/> call as a parameter tree keyed by variable name (in the call's precision).</summary>
    /// <typeparam name="T">The tensors' element type: float or double.</typeparam>
    /// <param name="result">The call's result.</param>
    /// <returns>The gradients by name, ready for <see cref="Optim.Step{T}"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static ParamTree<T> GradTree<T>(this ValueAndGradResult<T> result) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(Guard.NotNull(result, "GradTree").ByName);
}
