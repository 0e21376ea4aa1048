using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// A model's named tensors (parameters, gradients, updates, optimizer moments): an immutable map name → tensor with
/// the operations optimizers need. Traversals that combine values (fold, global norm) go in ordinal name order, so
/// the same tree gives bit-identical results in every process. Compared by value.
/// </summary>
public sealed record ParamTree<T>(HashMap<string, Tensor<T>> Tensors) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Never holds a null tensor (checked when built and when copied with <c>with</c>), so every traversal below is safe.</summary>
    public HashMap<string, Tensor<T>> Tensors { get; init => field = NoNullTensors(value, "ParamTree"); } = NoNullTensors(Tensors, "ParamTree");

    public static ParamTree<T> Empty { get; } = new(HashMap<string, Tensor<T>>.Empty);

    internal static HashMap<string, Tensor<T>> NoNullTensors(HashMap<string, Tensor<T>> tensors, string function)
    {
        foreach (var (name, t) in tensors)
            if (t is null) throw new ArgumentNullException(nameof(tensors), $"{function}: the tensor named '{name}' is null; every parameter needs a tensor.");
        return tensors;
    }

    /// <summary>The tensor named <paramref name="name"/>; the error lists the names there are.</summary>
    public Tensor<T> this[string name] => Tensors.Find(Guard.NotNull(name, "ParamTree[name]")).IfNone(() =>
        throw new KeyNotFoundException($"ParamTree: no tensor named '{name}'; names: [{string.Join(", ", Names)}]."));

    /// <summary>The names in ordinal order.</summary>
    public Seq<string> Names => Prelude.toSeq(Tensors.Keys.OrderBy(k => k, StringComparer.Ordinal)).Strict();

    /// <summary>Number of tensors.</summary>
    public int Count => Tensors.Count;

    /// <summary>Number of scalars over all tensors.</summary>
    public long Size => Tensors.Values.Sum(t => (long)t.Size);

    public bool Contains(string name) => Tensors.ContainsKey(Guard.NotNull(name, "ParamTree.Contains"));

    /// <summary>The same tree with one tensor added or replaced.</summary>
    public ParamTree<T> With(string name, Tensor<T> value)
    {
        Guard.NotNull(name, "ParamTree.With");
        if (value is null) throw new ArgumentNullException(nameof(value), $"ParamTree.With: the tensor for '{name}' is null; a value is required.");
        return new(Tensors.AddOrUpdate(name, value));
    }

    public ParamTree<T> Map(Func<Tensor<T>, Tensor<T>> f)
    {
        Guard.NotNull(f, "ParamTree.Map");
        return new(NoNullTensors(Tensors.Map(f), "ParamTree.Map (a result of f)"));
    }

    public ParamTree<T> Map(Func<string, Tensor<T>, Tensor<T>> f)
    {
        Guard.NotNull(f, "ParamTree.Map");
        return new(NoNullTensors(Tensors.Map((k, v) => f(k, v)), "ParamTree.Map (a result of f)"));
    }

    /// <summary>Combines two trees with the same names and shapes; a mismatch names <paramref name="caller"/>.</summary>
    public ParamTree<T> ZipWith(ParamTree<T> other, Func<Tensor<T>, Tensor<T>, Tensor<T>> f, string caller = "ZipWith")
    {
        caller ??= "ZipWith";
        Guard.NotNull(other, caller);
        Guard.NotNull(f, caller);
        ParamTrees.CheckSameStructure(this, other, caller);
        return new(NoNullTensors(Tensors.Map((k, v) => f(v, other.Tensors[k])), $"{caller} (a result of f)"));
    }

    /// <summary>Folds over (name, tensor) in ordinal name order.</summary>
    public S Fold<S>(S seed, Func<S, string, Tensor<T>, S> f)
    {
        Guard.NotNull(f, "ParamTree.Fold");
        return Names.Fold(seed, (s, k) => f(s, k, Tensors[k]));
    }

    /// <summary>√(Σ x²) over every element of every tensor, computed without overflow or underflow (scaled by the largest magnitude).</summary>
    public double GlobalNorm() => Norms.L2(Names.Map(k => Tensors[k]));

    /// <summary>Only the tensors whose names satisfy <paramref name="keep"/>.</summary>
    public ParamTree<T> Where(Func<string, bool> keep)
    {
        Guard.NotNull(keep, "ParamTree.Where");
        return new(Tensors.Filter((k, _) => keep(k)));
    }

    /// <summary>The same tree in another precision.</summary>
    public ParamTree<TOut> Cast<TOut>() where TOut : unmanaged, IFloatingPointIeee754<TOut> => new(Tensors.Map(Tensor.Cast<T, TOut>));

    /// <summary>The union of two trees; a name in both throws, naming it.</summary>
    public ParamTree<T> Union(ParamTree<T> other) => ParamTrees.Union(this, Guard.NotNull(other, "ParamTree.Union"));

    /// <summary>x + y tensor by tensor (same names and shapes).</summary>
    public static ParamTree<T> operator +(ParamTree<T> a, ParamTree<T> b) => Guard.NotNull(a, "ParamTree +").ZipWith(b, Kernels.Add, "ParamTree +");
    public static ParamTree<T> operator -(ParamTree<T> a, ParamTree<T> b) => Guard.NotNull(a, "ParamTree -").ZipWith(b, Kernels.Sub, "ParamTree -");
    public static ParamTree<T> operator *(ParamTree<T> a, T s) => Guard.NotNull(a, "ParamTree *").Map(t => Kernels.Scale(t, s));

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
    public static ParamTree<T> Of<T>(HashMap<string, Tensor<T>> tensors) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(ParamTree<T>.NoNullTensors(tensors, "ParamTrees.Of"));

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
    public static ParamTree<T> Union<T>(params ParamTree<T>[] trees) where T : unmanaged, IFloatingPointIeee754<T> =>
        Guard.NoNulls(trees, "ParamTree.Union").Aggregate(ParamTree<T>.Empty, (acc, t) => t.Fold(acc, (a, k, v) => a.Contains(k)
            ? throw new ArgumentException($"ParamTree.Union: the name '{k}' appears in two trees; parameter names must be unique across a model.", nameof(trees))
            : a.With(k, v)));

    /// <summary>The union of layers' <c>Init</c> maps (double), cast to T.</summary>
    public static ParamTree<T> Union<T>(params HashMap<string, Tensor<double>>[] maps) where T : unmanaged, IFloatingPointIeee754<T> =>
        Union(Guard.NotNull(maps, "ParamTree.Union").Select(m => new ParamTree<double>(ParamTree<double>.NoNullTensors(m, "ParamTree.Union")).Cast<T>()).ToArray());

    /// <summary>Throws unless both trees hold the same names with the same shapes; the message names the caller and the difference.</summary>
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

public static partial class ParamTreeExtensions
{
    /// <summary>The gradients of a <see cref="ValueAndGradFunction"/> call as a parameter tree keyed by variable name (in the call's precision).</summary>
    public static ParamTree<T> GradTree<T>(this ValueAndGradResult<T> result) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(Guard.NotNull(result, "GradTree").ByName);
}
