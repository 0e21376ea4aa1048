using System.Collections.Immutable;
using System.Diagnostics;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>The three printers: textbook forms op by op, minimal parentheses, let for shared nodes, LaTeX and DOT.</summary>
public class PrintTests
{
    static readonly Variable A = Variable("a", 3), B = Variable("b", 3), C = Variable("c", 3);
    static readonly Variable X = Variable("x", Dim.Batch, 3), W = Variable("w", 3, 1), G = Variable("g", Dim.Batch, 1), M = Variable("M", 3, 3);

    [Theory]
    [InlineData("sum of sums", "a + b + c")]
    [InlineData("a - (b - c)", "a - (b - c)")]
    [InlineData("(a - b) - c", "a - b - c")]
    [InlineData("(a + b) * c", "(a + b) * c")]
    [InlineData("a * b + c", "a * b + c")]
    [InlineData("a / (b * c)", "a / (b * c)")]
    [InlineData("a * -b", "a * (-b)")]
    [InlineData("-a + b", "-a + b")]
    [InlineData("-(a + b)", "-(a + b)")]
    [InlineData("-(a^2)", "-a^2")]
    [InlineData("(-a)^2", "(-a)^2")]
    [InlineData("a^(b^c)", "a^b^c")]
    [InlineData("(a^b)^c", "(a^b)^c")]
    [InlineData("a * -1", "a * (-1)")]
    public void Parentheses_only_where_the_reading_would_change(string what, string expected) => Assert.Equal(expected, Cases[what].ToString());

    static readonly Dictionary<string, Expr> Cases = new()
    {
        ["sum of sums"] = A + B + C,
        ["a - (b - c)"] = A - (B - C),
        ["(a - b) - c"] = A - B - C,
        ["(a + b) * c"] = (A + B) * C,
        ["a * b + c"] = A * B + C,
        ["a / (b * c)"] = A / (B * C),
        ["a * -b"] = A * -B,
        ["-a + b"] = -A + B,
        ["-(a + b)"] = -(A + B),
        ["-(a^2)"] = -Pow(A, 2),
        ["(-a)^2"] = Pow(-A, 2),
        ["a^(b^c)"] = Pow(A, Pow(B, C)),
        ["(a^b)^c"] = Pow(Pow(A, B), C),
        ["a * -1"] = A * -1.0,
    };

    [Fact]
    public void Ops_print_in_their_textbook_forms()
    {
        Assert.Equal("tanh(a) + σ(b) + exp(c)", (Tanh(A) + Sigmoid(B) + Exp(C)).ToString());
        Assert.Equal("sin(a) * cos(b)", (Sin(A) * Cos(B)).ToString());
        Assert.Equal("log(a) * log1p(b) * √c * |a| * sign(b)", (Log(A) * Log1p(B) * Sqrt(C) * Abs(A) * Sign(B)).ToString());
        Assert.Equal("max(a, b) - min(a, c)", (Maximum(A, B) - Minimum(A, C)).ToString());
        Assert.Equal("where([a > b], a, 0)", Where(Greater(A, B), A, Zeros(A.Shape)).ToString());
        Assert.Equal("[a ≤ b] + [a = c] + [b ≠ c]", (Compare(A, CompareKind.LessOrEqual, B) + Equal(A, C) + Compare(B, CompareKind.NotEqual, C)).ToString());
        Assert.Equal("xᵀ · g", MatMul(X, G, transposeA: true, transposeB: false).ToString());
        Assert.Equal("M · Mᵀ", MatMul(M, M, transposeA: false, transposeB: true).ToString());
        Assert.Equal("Mᵀ + M", (Transpose(M) + M).ToString());
        Assert.Equal("a * M · a", (A * Reshape(MatMul(M, Reshape(A, 3, 1)), 3)).ToString());   // · binds tighter than *; unit reshapes vanish
        Assert.Equal("(a * a) · M", MatMul(Reshape(A * A, 1, 3), M).ToString());
        Assert.Equal("sum(x) + sum(mean_1(x)) + sum(max_0(x))", (Sum(X) + Sum(Mean(X, 1)) + Sum(Max(X, 0))).ToString());
        Assert.Equal("sum_1(x * x)", Sum(X * X, -1).ToString());   // axes normalised
        Assert.Equal("1 / N", (1.0 / Count(X)).ToString());
        Assert.Equal("2 * x + 0.5", (2.0 * X + Full(X.Shape, 0.5)).ToString());   // a stretched scalar and a fill are their numbers
        Assert.Equal("stop_gradient(x)", StopGradient(X).ToString());
        Assert.Equal("x[:, 1:3]", Slice(X, 1, 1, 2).ToString());
        Assert.Equal("erf(a)", Erf(A).ToString());
    }

    [Fact]
    public void Fused_activations_and_their_gradients_read_as_their_definitions()
    {
        var b = Variable("b", 3);
        Assert.Equal("relu(x + b)", Activations.Relu(X + b).ToString());
        Assert.Equal("relu(x)", Activations.Relu(X).ToString());
        Assert.Equal("tanh(x + b)", BiasActivation(X, b, ActivationKind.Tanh).ToString());
        Assert.Equal("σ(x + b)", BiasActivation(X, b, ActivationKind.Sigmoid).ToString());
        var y = Variable("y", 3);
        Assert.Equal("a * [y > 0]", ActivationGrad(ActivationKind.Relu, y, A).ToString());
        Assert.Equal("a * (1 - y^2)", ActivationGrad(ActivationKind.Tanh, y, A).ToString());
        Assert.Equal("a * y * (1 - y)", ActivationGrad(ActivationKind.Sigmoid, y, A).ToString());
        Assert.Equal("(a + b) * (1 - (a - b)^2)", ActivationGrad(ActivationKind.Tanh, A - B, A + B).ToString());
    }

    [Fact]
    public void Let_names_only_shared_nodes_worth_naming()
    {
        var t = Tanh(A);
        Assert.Equal("let t1 = tanh(a)\nt1 * t1", (t * t).ToString());
        Assert.Equal("a * a + a", (A * A + A).ToString());                   // a variable is never named
        var k = 1.0 / Count(X);
        Assert.Equal("1 / N * x + 1 / N", (k * X + k).ToString());           // nor a small coefficient
        var e = Exp(A);
        var s = e + e;
        Assert.Equal("let t1 = exp(a)\nlet t2 = t1 + t1\nt2 / t2", (s / s).ToString());
        var tv = Variable("t", 3);
        var u = Exp(tv);
        Assert.Equal("let u1 = exp(t)\nu1 * u1", (u * u).ToString());       // t1 beside a variable t would mislead
        var n = Count(X);
        Assert.Equal("N", Print.Infix(n));                                     // count shows N, not the x it counts
    }

    [Fact]
    public void A_user_op_prints_as_a_function_call_unless_it_says_otherwise()
    {
        var e = CubeOp.Of(A) + new Apply(new PairOp(), [A, B]);                  // cube has its own Format, my_pair the default
        Assert.Equal("a³ + my_pair(a, b)", e.ToString());
        Assert.Equal(@"a^{3} + \operatorname{my\_pair}(a, b)", Print.Latex(e));
    }

    sealed record PairOp : PrimitiveOp
    {
        public override string Name => "my_pair";
        public override Shape InferShape(IReadOnlyList<Shape> s) => s[0];
        protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) => x[0];
        public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g, g];
    }

    [Fact]
    public void Latex_uses_the_commands_of_a_paper()
    {
        Assert.Equal(@"\tanh(a) + \sigma(b) + \exp(c)", Print.Latex(Tanh(A) + Sigmoid(B) + Exp(C)));
        Assert.Equal(@"\sin(a) \odot \cos(b)", Print.Latex(Sin(A) * Cos(B)));
        Assert.Equal(@"\frac{a + b}{c} \odot \sqrt{a}", Print.Latex((A + B) / C * Sqrt(A)));
        Assert.Equal(@"2 \cdot a", Print.Latex(2.0 * A));
        Assert.Equal(@"x^\top \times g", Print.Latex(MatMul(X, G, transposeA: true, transposeB: false)));
        Assert.Equal(@"\sum_{1}(x \odot x) + \sum(\sum_{1}(x)) \cdot \sum_{1}(x)", Print.Latex(Sum(X * X, 1) + Sum(Sum(X, 1)) * Sum(X, 1)));
        Assert.Equal(@"\left|a\right| + \log(1 + b) + (\frac{a}{b})^{2}", Print.Latex(Abs(A) + Log1p(B) + Pow(A / B, 2)));
        Assert.Equal(@"W_{1} + w_{\mathrm{out}} + \mathrm{l1.W}", Print.Latex(Variable("W1", 3) + Variable("w_out", 3) + Variable("l1.W", 3)));
        Assert.Equal(@"10^{-7} \cdot a", Print.Latex(1e-7 * A));
        Assert.Equal(@"t_{1} \odot t_{1}, \quad \text{where } t_{1} = \tanh(a)", Print.Latex(Tanh(A) is var t ? t * t : t));
    }

    [Fact]
    public void Latex_is_well_formed_for_every_op_and_every_readme_case()
    {
        var y = Variable("y", 3);
        Expr[] exprs =
        [
            Tanh(A) + Sigmoid(B) - Exp(C) * Log(A) / Log1p(B), Sqrt(A) * Abs(B) * Sign(C), Maximum(A, B) + Minimum(A, C),
            Where(Greater(A, B), A, Zeros(A.Shape)) + Compare(A, CompareKind.LessOrEqual, B) + Compare(A, CompareKind.GreaterOrEqual, B) + Compare(A, CompareKind.NotEqual, B),
            Pow(Pow(A, B), Pow(B, C)), Pow(Transpose(M), 2.0), MatMul(MatMul(M, M, transposeA: true, transposeB: false), M, transposeA: false, transposeB: true), Sum(X * X, 1) / Count(X),
            Mean(X, 0) + Max(X, 0), StopGradient(A) + Erf(A), Slice(M, 0, 1, 2) * 2.0,
            ActivationGrad(ActivationKind.Relu, y, A) + ActivationGrad(ActivationKind.Tanh, y, A) + ActivationGrad(ActivationKind.Sigmoid, y, A),
            Activations.Relu(X + B) + BiasActivation(X, B, ActivationKind.Tanh), 1e-9 * A + double.PositiveInfinity * B, CubeOp.Of(A),
            Losses.SoftmaxCrossEntropyWithLabels(Variable("z", Dim.Batch, 4), Variable("l", Dim.Batch)), Permute(Variable("v", 2, 3, 4), 2, 0, 1),
            Tanh(A) * Tanh(A) is var sq ? sq + sq : A,
        ];
        foreach (var e in exprs.Concat(DerivativeExamples.All.SelectMany(c => new[] { c.Raw, c.Simplified })))
        {
            var latex = Print.Latex(e);
            Assert.True(LatexCheck.Problems(latex).Count == 0, $"{string.Join("; ", LatexCheck.Problems(latex))} in {latex}");
        }
        Assert.NotEmpty(LatexCheck.Problems(@"\frac{a}{b"));
        Assert.NotEmpty(LatexCheck.Problems(@"x^{2}^{3}"));
        Assert.NotEmpty(LatexCheck.Problems(@"\foo(x)"));
        Assert.NotEmpty(LatexCheck.Problems(@"\left| x"));
    }

    [Fact]
    public void Dot_draws_one_node_per_shared_subexpression_with_shapes()
    {
        var t = Tanh(MatMul(X, W));
        var dot = Print.Dot(t * t);
        Assert.StartsWith("digraph expr {", dot);
        Assert.Single(dot.Split('\n'), l => l.Contains("label=\"tanh\\n[Batch, 1]\""));
        Assert.Contains("label=\"matmul\\n[Batch, 1]\"", dot);
        Assert.Contains("label=\"x\\n[Batch, 3]\", shape=ellipse", dot);
        Assert.Contains("label=\"*\\n[Batch, 1]\", shape=box, penwidth=2", dot);
        Assert.Equal(2, dot.Split('\n').Count(l => l.Contains("n3 -> n4")));    // the product reads tanh twice
        Assert.Contains("broadcast_to\\n[3]", Print.Dot(A + 1.0));              // hidden in text, drawn with its shape
    }

    [Fact]
    public void Dot_renders_with_graphviz()
    {
        var png = Path.Combine(Path.GetTempPath(), $"purenet-print-{Guid.NewGuid():N}.png");
        try
        {
            var (code, errors) = GraphvizPng(Print.Dot(DerivativeExamples.All[0].Simplified), png);
            Assert.True(code == 0, $"dot -Tpng failed ({code}): {errors}");
            var bytes = File.ReadAllBytes(png);
            Assert.True(bytes.Length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', $"not a PNG ({bytes.Length} bytes)");
        }
        finally { File.Delete(png); }
    }

    /// <summary>Runs Debian's graphviz (<c>.ci/run</c> installs it) on a DOT text; the exit code and what it wrote to stderr.</summary>
    internal static (int Code, string Errors) GraphvizPng(string dot, string png)
    {
        ProcessStartInfo start = new("dot", ["-Tpng", "-o", png]) { RedirectStandardInput = true, RedirectStandardError = true };
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e) { throw new InvalidOperationException("graphviz's 'dot' is not installed (apt-get install graphviz; .ci/run installs it).", e); }
        using (process)
        {
            process.StandardInput.Write(dot);
            process.StandardInput.Close();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, errors);
        }
    }

    [Fact]
    public void A_100000_deep_chain_prints_in_every_printer()
    {
        Expr e = A;
        for (var i = 0; i < 100_000; i++) e = i % 2 == 0 ? Tanh(e) : e * 2.0;
        var text = e.ToString();
        Assert.StartsWith("tanh(tanh(tanh(", text);
        Assert.Contains("tanh(tanh(a) * 2) * 2", text);
        Assert.EndsWith(") * 2) * 2", text);
        Assert.EndsWith(@") \cdot 2) \cdot 2", Print.Latex(e));
        Assert.True(Print.Dot(e).Split('\n').Count(l => l.Contains(" [label=")) > 100_000);
    }
}
