using System.IO.Compression;
using LanguageExt;
using static LanguageExt.Prelude;

namespace PureNet;

/// <summary>Reads a whole file as bytes for the readers, gunzipping it when it starts with the gzip magic 1f 8b.</summary>
public static class FileBytes
{
    /// <summary>The file's bytes, gunzipped when it is gzip; a missing, unreadable or corrupt file is a failed <see cref="Fin{A}"/> naming it.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="maxBytes">The most bytes a gzip file may expand to (a bound against decompression bombs).</param>
    /// <returns>The (decompressed) content, or an error naming the file and what was wrong.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is negative.</exception>
    public static Fin<byte[]> Read(string path, long maxBytes = 1L << 31)
    {
        if (maxBytes < 0) throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, $"FileBytes.Read: maxBytes {maxBytes} must be ≥ 0.");
        if (string.IsNullOrWhiteSpace(path)) return Problem.Unreadable("(no path)", "an empty path");
        if (Directory.Exists(path)) return Problem.Unreadable(path, "a directory");
        if (!File.Exists(path)) return Problem.Unreadable(path, "no such file");
        byte[] raw;
        try { raw = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return Problem.Unreadable(path, e.Message); }
        return IsGzip(raw) ? Gunzip(path, raw, maxBytes) : FinSucc(raw);
    }

    static bool IsGzip(byte[] b) => b.Length >= 2 && b[0] == 0x1f && b[1] == 0x8b;

    static Fin<byte[]> Gunzip(string path, byte[] raw, long maxBytes)
    {
        try
        {
            using var gz = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[1 << 16];
            int n;
            while ((n = gz.Read(buffer, 0, buffer.Length)) > 0)
            {
                output.Write(buffer, 0, n);
                if (output.Length > maxBytes)
                    return Problem.At(path, "gzip content", $"at most {maxBytes} bytes", "more");
            }
            return output.ToArray();
        }
        catch (InvalidDataException e) { return Problem.At(path, "gzip stream", "a complete gzip stream", $"a corrupt or truncated one ({e.Message})"); }
    }
}
