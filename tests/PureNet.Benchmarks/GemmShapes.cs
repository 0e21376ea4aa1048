namespace PureNet.Benchmarks;

/// <summary>One GEMM benchmark: C[m×n] = op(A)·op(B) with inner size k. The same list is in compare.py.</summary>
public sealed record GemmShape(string Name, int M, int K, int N, bool TransposeA = false, bool TransposeB = false)
{
    public double Flops => 2.0 * M * K * N;

    public static readonly GemmShape[] All =
    [
        new("n256", 256, 256, 256), new("n512", 512, 512, 512), new("n1024", 1024, 1024, 1024), new("n2048", 2048, 2048, 2048),
        new("mlp_fwd_128x784x256", 128, 784, 256),
        new("mlp_fwd_128x256x128", 128, 256, 128),
        new("mlp_bwd_dW_784x128x256", 784, 128, 256, TransposeA: true),
        new("mlp_bwd_dH_128x128x256", 128, 128, 256, TransposeB: true),
    ];

    /// <summary>Operands stored as the kernel reads them: Aᵀ stored [k, m], Bᵀ stored [n, k].</summary>
    internal (float[] A, MatrixLayout La, float[] B, MatrixLayout Lb, float[] C) Buffers()
    {
        var rng = new Random(1);
        float[] Fill(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1))];
        var la = TransposeA ? MatrixLayout.RowMajor(K, M).Transposed : MatrixLayout.RowMajor(M, K);
        var lb = TransposeB ? MatrixLayout.RowMajor(N, K).Transposed : MatrixLayout.RowMajor(K, N);
        return (Fill(M * K), la, Fill(K * N), lb, new float[M * N]);
    }
}
