using System.Globalization;
using System.Runtime.Intrinsics.X86;

namespace PureNet;

/// <summary>
/// The data caches one core has to itself, in bytes, as the GEMM's block sizes need them: read from Linux's
/// <c>/sys/devices/system/cpu/cpu0/cache</c>, else from CPUID (Intel's leaf 4, AMD's leaves 0x8000001D or
/// 0x80000005/6; virtual machines often hide sysfs but pass CPUID through), else a conservative default.
/// Values outside what any x64 core has are taken for a misreport and replaced by the default.
/// </summary>
internal readonly record struct CacheSizes(int L1, int L2, string Source)
{
    /// <summary>Smaller than the L1d and L2 of any x64 core since 2011, so blocks derived from them always fit.</summary>
    internal static readonly CacheSizes Default = new(32 * 1024, 256 * 1024, "default");

    /// <summary>This machine's, found once.</summary>
    public static readonly CacheSizes Host = Sane(FromSysfs("/sys/devices/system/cpu/cpu0/cache") ?? FromCpuid() ?? Default);

    internal static CacheSizes Sane(CacheSizes c) =>
        c.L1 is >= 16 * 1024 and <= 256 * 1024 && c.L2 is >= 128 * 1024 and <= 16 * 1024 * 1024 && c.L2 > c.L1 ? c : Default;

    /// <summary>Level 1 and 2 data (or unified) caches from sysfs's index*/level, type and size ("48K"); null if absent.</summary>
    internal static CacheSizes? FromSysfs(string root)
    {
        try
        {
            if (!Directory.Exists(root)) return null;
            int? l1 = null, l2 = null;
            foreach (var dir in Directory.EnumerateDirectories(root, "index*"))
            {
                var type = File.ReadAllText(Path.Combine(dir, "type")).Trim();
                if (type is not ("Data" or "Unified")) continue;
                var level = File.ReadAllText(Path.Combine(dir, "level")).Trim();
                var size = Bytes(File.ReadAllText(Path.Combine(dir, "size")).Trim());
                if (size is null) continue;
                if (level == "1") l1 = size;
                else if (level == "2") l2 = size;
            }
            return l1 is { } a && l2 is { } b ? new(a, b, "sysfs") : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>"48K", "1024K", "2M" or a plain byte count.</summary>
    internal static int? Bytes(string text)
    {
        var (digits, scale) = text.EndsWith('K') ? (text[..^1], 1024) : text.EndsWith('M') ? (text[..^1], 1024 * 1024) : (text, 1);
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= int.MaxValue / scale ? n * scale : null;
    }

    static CacheSizes? FromCpuid()
    {
        if (!X86Base.IsSupported) return null;
        var vendor = Vendor();
        if (vendor == "GenuineIntel") return Deterministic(4);
        if (vendor is "AuthenticAMD" or "HygonGenuine")
        {
            var (maxExtended, _, _, _) = X86Base.CpuId(unchecked((int)0x80000000), 0);
            if ((uint)maxExtended >= 0x8000001D && Deterministic(unchecked((int)0x8000001D)) is { } d) return d;
            if ((uint)maxExtended < 0x80000006) return null;
            var (_, _, l1, _) = X86Base.CpuId(unchecked((int)0x80000005), 0);
            var (_, _, l2, _) = X86Base.CpuId(unchecked((int)0x80000006), 0);
            return new((int)((uint)l1 >> 24) * 1024, (int)((uint)l2 >> 16) * 1024, "cpuid");
        }
        return null;
    }

    /// <summary>The deterministic cache parameters (Intel leaf 4, AMD leaf 0x8000001D share the layout): ways × partitions × line × sets per level.</summary>
    static CacheSizes? Deterministic(int leaf)
    {
        int? l1 = null, l2 = null;
        for (var i = 0; i < 8; i++)
        {
            var (a, b, c, _) = X86Base.CpuId(leaf, i);
            var type = a & 31;                                     // 0: no more caches; 1: data, 2: instruction, 3: unified
            if (type == 0) break;
            if (type == 2) continue;
            var size = (long)(((b >> 22) & 1023) + 1) * (((b >> 12) & 1023) + 1) * ((b & 4095) + 1) * ((long)(uint)c + 1);
            if (size > int.MaxValue) continue;
            var level = (a >> 5) & 7;
            if (level == 1) l1 = (int)size;
            else if (level == 2) l2 = (int)size;
        }
        return l1 is { } x && l2 is { } y ? new(x, y, "cpuid") : null;
    }

    static string Vendor()
    {
        var (_, b, c, d) = X86Base.CpuId(0, 0);
        Span<byte> name = stackalloc byte[12];
        BitConverter.TryWriteBytes(name[..4], b);
        BitConverter.TryWriteBytes(name[4..8], d);
        BitConverter.TryWriteBytes(name[8..], c);
        return System.Text.Encoding.ASCII.GetString(name);
    }
}
