package org.anisoscope.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Atomic file writes: the content goes to a temporary file beside the target, is flushed to disk,
 * and is then renamed over the target. A failure at any point leaves the old file (if any)
 * untouched and removes the temporary file.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** What writes the content. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer writer) throws IOException {
        writeFile(target, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
                writer.write(out);
                out.flush();
            }
        });
    }

    /** What writes the content into a file of its own (a writer that must seek, as an MP4 muxer). */
    @FunctionalInterface
    public interface FileWriter {
        void write(Path file) throws IOException;
    }

    /**
     * The content written by writer into a temporary file beside target, flushed to disk and renamed
     * over target; on any failure target is as it was and the temporary file gone.
     */
    public static void writeFile(Path target, FileWriter writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + target + ": folder " + dir + " does not exist");
        }
        if (Files.isDirectory(abs)) {
            throw new IOException("cannot write " + target + ": it is a folder");
        }
        Path tmp;
        try {
            // beside the target, named after it (cut short: the name and the random part must fit 255 bytes)
            String name = abs.getFileName().toString();
            tmp = Files.createTempFile(dir, "." + (name.length() > 80 ? name.substring(0, 80) : name) + ".", ".tmp");
        } catch (AccessDeniedException | NoSuchFileException e) {
            throw new IOException("cannot write " + target + ": folder " + dir + " is not writable");
        }
        try {
            writer.write(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            readableByOthers(tmp, abs);
            move(tmp, abs, true);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original failure is what the user needs to see
            }
            if (e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith("cannot write")) throw io;
            throw new IOException("cannot write " + target + ": " + describe(e), e);
        }
    }

    /** Renames from to to, atomically where the file system can (replace: over an existing to). */
    public static void move(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            else Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            if (replace) Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            else Files.move(from, to);
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Temporary files are created owner-only; the result should have the permissions of the
     * file it replaces, or rw-r--r-- (what a plain new file gets with the usual umask).
     */
    private static void readableByOthers(Path tmp, Path target) {
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(tmp, perms);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system, or not ours to change: keep the defaults
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
