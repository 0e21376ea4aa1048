namespace PureNet;

/// <summary>
/// Writes a file all at once: the content goes to a temporary file in the same directory, which is renamed over the
/// target only when it is complete, so a failure (an exception, a full disk, a kill) never leaves a partial file.
/// </summary>
public static class AtomicFile
{
    const string Function = "AtomicFile.Write";

    /// <summary>
    /// Calls <paramref name="write"/> with a stream into a temporary file, then flushes it to disk and renames it to
    /// <paramref name="path"/>. The writer may dispose the stream it is given (<c>using var w = new StreamWriter(s)</c>);
    /// what it flushed by then is the content. An exception from the writer reaches the caller as it was thrown, and
    /// nothing is written; a failure of AtomicFile's own steps names <paramref name="path"/>, not the temporary file.
    /// </summary>
    /// <param name="path">The file to write (created or replaced); its directory is created if missing.</param>
    /// <param name="write">Writes the content to the stream it is given.</param>
    /// <exception cref="ArgumentNullException"><paramref name="write"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, not a valid path, or ends in a directory separator.</exception>
    /// <exception cref="IOException"><paramref name="path"/> is a directory, or the temporary file cannot be created, flushed or renamed (the message names <paramref name="path"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">The directory may not be written.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        Guard.NotNull(write, Function);
        var full = FullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        // The temporary name keeps at most 100 characters of the target's, so any file name the system allows
        // (255 bytes on most) still leaves room for the dot, the GUID and ".tmp".
        var name = Path.GetFileName(full);
        var temp = Path.Combine(dir, $".{name[..Math.Min(name.Length, 100)]}.{Guid.NewGuid():N}.tmp");
        var file = Own(path, temp, "creating its temporary file", () =>
        {
            Directory.CreateDirectory(dir);
            return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        });
        try
        {
            using (file)
            {
                using (var view = new KeepOpenStream(file)) write(view);
                Own(path, temp, "flushing it to disk", () => { file.Flush(flushToDisk: true); return 0; });
            }
            Own(path, temp, "renaming its temporary file over it", () => { File.Move(temp, full, overwrite: true); return 0; });
        }
        catch
        {
            try { File.Delete(temp); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }   // the first failure is the one to report
            throw;
        }
    }

    /// <summary>Writes the bytes as the whole file, atomically (see <see cref="Write"/>).</summary>
    /// <param name="path">The file to write (created or replaced).</param>
    /// <param name="bytes">The content.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, not a valid path, or ends in a directory separator.</exception>
    /// <exception cref="IOException"><paramref name="path"/> is a directory, or the temporary file cannot be created, flushed or renamed (the message names <paramref name="path"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">The directory may not be written.</exception>
    public static void WriteAllBytes(string path, ReadOnlyMemory<byte> bytes) => Write(path, s => s.Write(bytes.Span));

    /// <summary>Writes the text as the whole file in UTF-8 without a byte-order mark, atomically (see <see cref="Write"/>).</summary>
    /// <param name="path">The file to write (created or replaced).</param>
    /// <param name="text">The content.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, not a valid path, or ends in a directory separator.</exception>
    /// <exception cref="IOException"><paramref name="path"/> is a directory, or the temporary file cannot be created, flushed or renamed (the message names <paramref name="path"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">The directory may not be written.</exception>
    public static void WriteAllText(string path, string text)
    {
        Guard.NotNull(text, "AtomicFile.WriteAllText");
        WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(text));
    }

    /// <summary>The absolute path of a file the user named, or an ArgumentException/IOException naming it and why it is none.</summary>
    static string FullPath(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException($"{Function}: path '{path}' is empty; a file path is required.", nameof(path));
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        { throw new ArgumentException($"{Function}: path '{path}' is not a valid file path ({e.Message}).", nameof(path), e); }
        if (Path.GetFileName(full).Length == 0) throw new ArgumentException($"{Function}: path '{path}' ends in a directory separator; expected a file path.", nameof(path));
        if (Directory.Exists(full)) throw new IOException($"{Function}: '{path}' is a directory; expected a file path.");
        return full;
    }

    /// <summary>Runs one of AtomicFile's own steps; a failure is reported against the user's path, the temporary file's name replaced.</summary>
    static T Own<T>(string path, string temp, string step, Func<T> run)
    {
        try { return run(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var message = $"{Function}: cannot write '{path}' ({step}): {e.Message.Replace(temp, "(the temporary file)")}";
            throw e is UnauthorizedAccessException ? new UnauthorizedAccessException(message, e) : new IOException(message, e);
        }
    }
}
