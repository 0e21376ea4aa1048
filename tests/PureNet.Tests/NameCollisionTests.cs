using System.Reflection;

namespace PureNet.Tests;

/// <summary>
/// A user writes <c>using LanguageExt; using PureNet;</c> next to C#'s implicit usings. Any public PureNet type whose
/// simple name is also a public type of one of those namespaces is ambiguous there (CS0104), so none may exist.
/// Generic arity is ignored: <c>Foo</c> and <c>Foo&lt;T&gt;</c> only collide at one arity, but a reader (and an error
/// message, and IntelliSense) should never have to tell the two apart.
/// </summary>
public class NameCollisionTests
{
    /// <summary>The namespaces a C# file sees by default (ImplicitUsings for console and library projects).</summary>
    static readonly string[] ImplicitNamespaces =
        ["System", "System.IO", "System.Collections.Generic", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    /// <summary>
    /// LanguageExt.Core's namespaces a user may import with it: all of them (LanguageExt, LanguageExt.Common, .TypeClasses,
    /// .ClassInstances, …), not only the two usual ones, since today none collides and a new PureNet type should not either.
    /// </summary>
    static readonly string[] LanguageExtNamespaces =
        [.. typeof(LanguageExt.Unit).Assembly.GetExportedTypes().Select(t => t.Namespace).OfType<string>().Where(n => n.StartsWith("LanguageExt", StringComparison.Ordinal)).Distinct()];

    static string Simple(Type t) => t.Name.Split('`')[0];

    static IEnumerable<Type> PublicTopLevel(Assembly a, IReadOnlyCollection<string> namespaces)
    {
        Type[] types;
        try { types = a.GetExportedTypes(); }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or NotSupportedException) { yield break; }
        foreach (var t in types)
            if (!t.IsNested && t.Namespace is { } ns && namespaces.Contains(ns)) yield return t;
    }

    /// <summary>Every assembly of the shared framework the test runs on (the types behind C#'s implicit usings).</summary>
    static IEnumerable<Assembly> FrameworkAssemblies()
    {
        var dir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        foreach (var path in Directory.EnumerateFiles(dir, "System*.dll"))
        {
            Assembly? a;
            try { a = Assembly.Load(AssemblyName.GetAssemblyName(path)); }
            catch (BadImageFormatException) { continue; }   // native libraries named System.*.dll
            yield return a;
        }
    }

    static HashSet<string> PureNetNames() =>
        [.. new[] { typeof(Tensor).Assembly, typeof(PureNet.Testing.Generators).Assembly }
            .SelectMany(a => a.GetExportedTypes()).Where(t => !t.IsNested).Select(Simple)];

    [Fact]
    public void No_public_type_shares_a_simple_name_with_LanguageExt()
    {
        var theirs = PublicTopLevel(typeof(LanguageExt.Unit).Assembly, LanguageExtNamespaces).Select(t => (Name: Simple(t), t.FullName)).ToList();
        Assert.Contains(theirs, t => t.Name == "Schedule");   // the collision that started this: the test must see it
        Assert.Contains("LanguageExt.Common", LanguageExtNamespaces);
        var clashes = theirs.Where(t => PureNetNames().Contains(t.Name)).Select(t => t.FullName).Distinct().Order().ToList();
        Assert.True(clashes.Count == 0, $"PureNet types that collide with LanguageExt under `using LanguageExt;`: {string.Join(", ", clashes)}");
    }

    [Fact]
    public void No_public_type_shares_a_simple_name_with_the_implicit_System_namespaces()
    {
        var theirs = FrameworkAssemblies().SelectMany(a => PublicTopLevel(a, ImplicitNamespaces)).Select(t => (Name: Simple(t), t.FullName)).ToList();
        Assert.Contains(theirs, t => t.Name == "Random");   // sanity: the framework's types are seen
        Assert.Contains(theirs, t => t.Name == "HttpClient");
        var clashes = theirs.Where(t => PureNetNames().Contains(t.Name)).Select(t => t.FullName).Distinct().Order().ToList();
        Assert.True(clashes.Count == 0, $"PureNet types that collide with the implicit usings: {string.Join(", ", clashes)}");
    }
}
