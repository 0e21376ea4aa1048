namespace PureNet.Tests;

/// <summary>Where the GEMM's block sizes come from: the host's caches, read from sysfs or CPUID, checked for sanity, and what the tiling makes of them.</summary>
public class CacheSizesTests
{
    [Fact]
    public void Sysfs_sizes_are_read_per_level_and_instruction_caches_are_skipped()
    {
        using var dir = new TempDir();
        void Index(int i, string level, string type, string size)
        {
            var d = Directory.CreateDirectory(Path.Combine(dir.Path, $"index{i}")).FullName;
            File.WriteAllText(Path.Combine(d, "level"), level + "\n");
            File.WriteAllText(Path.Combine(d, "type"), type + "\n");
            File.WriteAllText(Path.Combine(d, "size"), size + "\n");
        }
        Index(0, "1", "Data", "48K");
        Index(1, "1", "Instruction", "32K");
        Index(2, "2", "Unified", "2048K");
        Index(3, "3", "Unified", "32M");
        Assert.Equal(new CacheSizes(48 * 1024, 2 * 1024 * 1024, "sysfs"), CacheSizes.FromSysfs(dir.Path));
        Assert.Null(CacheSizes.FromSysfs(Path.Combine(dir.Path, "absent")));
    }

    [Theory]
    [InlineData("48K", 48 * 1024)]
    [InlineData("2M", 2 * 1024 * 1024)]
    [InlineData("65536", 65536)]
    [InlineData("lots", null)]
    [InlineData("-4K", null)]
    [InlineData("99999999999K", null)]
    public void Sizes_parse_as_sysfs_writes_them(string text, int? bytes) => Assert.Equal(bytes, CacheSizes.Bytes(text));

    [Fact]
    public void A_misreported_cache_falls_back_to_the_default_and_the_host_always_has_sane_sizes()
    {
        Assert.Equal(CacheSizes.Default, CacheSizes.Sane(new CacheSizes(0, 0, "cpuid")));
        Assert.Equal(CacheSizes.Default, CacheSizes.Sane(new CacheSizes(48 * 1024, 512 * 1024 * 1024, "cpuid")));
        Assert.Equal(CacheSizes.Default, CacheSizes.Sane(new CacheSizes(256 * 1024, 128 * 1024, "sysfs")));
        var host = CacheSizes.Host;
        Assert.Equal(host, CacheSizes.Sane(host));
    }

    [Theory]
    [InlineData(32 * 1024, 256 * 1024)]
    [InlineData(48 * 1024, 1024 * 1024)]
    [InlineData(48 * 1024, 2 * 1024 * 1024)]
    [InlineData(16 * 1024, 128 * 1024)]
    public void Blocks_fit_the_caches_they_are_derived_from(int l1, int l2)
    {
        var caches = new CacheSizes(l1, l2, "test");
        foreach (var path in new[] { GemmPath.Vector512, GemmPath.Vector512Tall, GemmPath.Vector256, GemmPath.Scalar })
            foreach (var (t, size) in new[] { (Tiling.For<float>(path, 512, caches), 4), (Tiling.For<double>(path, 512, caches), 8) })
            {
                Assert.True(t.Mr * t.Kc * size <= l1 / 2 || t.Kc == 64, $"{t}: an A sliver of {t.Mr * t.Kc * size} B is over half of L1 {l1}");
                Assert.True(t.Kc * t.Nr * t.ColSlivers * size <= l2 / 2 || t.ColSlivers == 1, $"{t}: B's panel is over half of L2 {l2}");
                Assert.True(t.Kc * t.Mr * t.RowSlivers * size <= l2 / 4 || t.RowSlivers == 1, $"{t}: A's block is over a quarter of L2 {l2}");
                Assert.True(t.Kc % 8 == 0 && t.Kc is >= 64 and <= 512, $"{t}: KC");
            }
    }

    [Theory]
    [InlineData(784, 512, 392)]
    [InlineData(512, 512, 512)]
    [InlineData(513, 512, 257)]
    [InlineData(100, 512, 100)]
    [InlineData(2000, 512, 500)]
    [InlineData(0, 512, 1)]
    public void The_inner_dimension_is_cut_into_near_equal_steps(int k, int kc, int step)
    {
        var t = new Tiling(GemmPath.Scalar, 4, 4, kc, 1, 1);
        Assert.Equal(step, t.StepFor(k));
        Assert.Equal(Math.Max(1, (k + kc - 1) / kc), Math.Max(1, (k + step - 1) / step));   // no more steps than KC needs
    }
}
