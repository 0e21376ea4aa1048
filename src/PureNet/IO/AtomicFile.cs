namespace PureNet;

/// <summary>
/// Writes a file all at once: the content goes to a temporary file in the same directory, which is renamed over the
/// target only when it is complete, so a failure (an exception, a full disk, a kill) never leaves a partial file.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        Guard.NotNull(write, "AtomicFile.Write");
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("AtomicFile.Write: path is empty.", nameof(path));
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new IOException($"AtomicFile.Write: '{path}' is a directory; expected a file path.");
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public static void WriteAllBytes(string path, ReadOnlyMemory<byte> bytes) => Write(path, s => s.Write(bytes.Span));

    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(text));
}
