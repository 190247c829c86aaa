package org.anisoscope.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A folder of results written whole or not at all. The files go into a working folder beside the
 * target, {@code NAME.partial}, which is renamed onto NAME at the end ({@link #commit}); a crash
 * leaves NAME as it was and the working folder with what was finished (a run's checkpoints), for
 * {@code --resume}. While a process writes, it holds a lock in the working folder: a second
 * writer of the same target is refused instead of mixing its files with the first's.
 *
 * <p>The target is never replaced unless asked ({@link Mode#FORCE}); a target that holds anything
 * is refused with what to do instead.
 */
public final class RunFolder implements AutoCloseable {
    /** What the user asked for. */
    public enum Mode {
        /** A new folder: the target must not exist, or be empty. */
        NEW,
        /** Replace whatever the target holds, whole, once the new result is complete. */
        FORCE,
        /** Continue an interrupted run: its working folder, or a partial run committed at the target. */
        RESUME
    }

    static final String LOCK = ".lock";
    /** Inside a working folder: what was finished, to resume from. */
    public static final String CHECKPOINT = "checkpoint";

    private final Path target, work, option;
    /** Held on the working folder's lock file while this process writes (its channel is the file's). */
    private final FileLock lock;
    private final boolean resumed;
    private boolean committed;

    private RunFolder(Path target, Path option, FileLock lock, boolean resumed) {
        this.target = target;
        this.work = workFolder(target);
        this.option = option;
        this.lock = lock;
        this.resumed = resumed;
    }

    /** The working folder NAME.partial beside target. */
    public static Path workFolder(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".partial");
    }

    /**
     * Opens target for writing: checks it before any work, takes the lock, and prepares the working
     * folder. given is the path as the user wrote it (for messages), option the option's name.
     */
    public static RunFolder open(Path given, String optionName, Mode mode) throws IOException {
        return open(given, optionName, mode, false);
    }

    /** The same for a command that can continue an interrupted run (--resume): its refusals say so. */
    public static RunFolder open(Path given, String optionName, Mode mode, boolean resumable) throws IOException {
        Objects.requireNonNull(mode);
        if (given.toString().isBlank()) throw new IllegalArgumentException(optionName + " is empty: give the folder to write, e.g. " + optionName + " run1");
        Path target = given.toAbsolutePath().normalize();
        if (target.getFileName() == null) throw new IllegalArgumentException(optionName + " " + given + ": give a folder below the root, e.g. " + optionName + " run1");
        Path parent = target.getParent();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IllegalArgumentException(optionName + " " + given + " is a file, not a folder: give a new folder's name");
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalArgumentException(optionName + " " + given + ": cannot create its parent folder " + parent + " (" + reason(e) + ")");
        }
        if (!Files.isWritable(parent)) {
            throw new IllegalArgumentException(optionName + " " + given + ": the folder " + parent + " is not writable; give a folder you can write to");
        }
        Path work = workFolder(target);
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new IllegalArgumentException(optionName + " " + given + ": cannot write in " + parent + " (" + reason(e) + "); give a folder you can write to");
        }
        Path lockFile = work.resolve(LOCK);
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        // a writer that finished just now has moved its folder (lock included) onto the target
        if (lock == null || !Files.exists(lockFile)) {
            String who = holder(lockFile);
            ch.close();
            throw new IllegalArgumentException(optionName + " " + given + " is being written by another anisoscope" + who
                    + "; wait for it to finish, or give another folder");
        }
        RunFolder f = null;
        try {
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
            boolean targetHolds = Files.isDirectory(target) && !isEmpty(target);
            boolean workHolds = holdsMoreThanLock(work);
            boolean resumed = false;
            switch (mode) {
                case NEW -> {
                    if (workHolds) {
                        throw new IllegalArgumentException(optionName + " " + given + ": " + work + (resumable
                                ? " holds an interrupted run; give --resume to continue it, --force to start again (it is then deleted), or another folder"
                                : " holds what an interrupted run left; give --force to start again (it is then deleted), or another folder"));
                    }
                    if (targetHolds) {
                        throw new IllegalArgumentException(optionName + " " + given + " already holds " + describe(target)
                                + "; give another folder, or --force to replace it whole" + (Files.isDirectory(target.resolve(CHECKPOINT))
                                ? " (or --resume to continue its partial run)" : ""));
                    }
                }
                case FORCE -> clear(work);
                case RESUME -> {
                    if (Files.isDirectory(work.resolve(CHECKPOINT))) {
                        resumed = true;
                    } else if (Files.isDirectory(target.resolve(CHECKPOINT))) {
                        // a partial run committed on Ctrl-C: back into the working folder, so the target
                        // stays whole (the old partial) until the continued run replaces it
                        clear(work);
                        copyTree(target.resolve(CHECKPOINT), work.resolve(CHECKPOINT));
                        resumed = true;
                    } else {
                        throw new IllegalArgumentException(optionName + " " + given + ": nothing to resume there (no " + work.getFileName()
                                + " and no partial run with a checkpoint in " + given + "); start the run without --resume");
                    }
                }
            }
            f = new RunFolder(target, given, lock, resumed);
            return f;
        } finally {
            if (f == null) {
                lock.release();
                ch.close();
                if (!holdsMoreThanLock(work)) deleteTree(work);
            }
        }
    }

    /** Where to write the result's files. */
    public Path work() { return work; }

    /** The folder the result ends up in. */
    public Path target() { return target; }

    /** The path as the user gave it. */
    public Path given() { return option; }

    /** Whether an interrupted run's checkpoint is in the working folder to continue from. */
    public boolean resumed() { return resumed; }

    /** The working folder's checkpoint folder (created on first use). */
    public Path checkpoint() throws IOException {
        return Files.createDirectories(work.resolve(CHECKPOINT));
    }

    /**
     * Puts the working folder in the target's place: renamed onto it when the target is absent or
     * empty; otherwise (--force, or a resumed partial run) the old folder is first moved aside and
     * deleted after. keepCheckpoint: a partial result keeps its checkpoint, to resume from.
     */
    public void commit(boolean keepCheckpoint) throws IOException {
        if (committed) throw new IllegalStateException("committed twice");
        if (!keepCheckpoint) deleteTree(work.resolve(CHECKPOINT));
        Path aside = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(target) && isEmpty(target)) {
                // a folder the user made for the run (maybe their shell's working folder): kept, filled, summary.json last
                fillEmpty(target);
                committed = true;
                return;
            } else {
                aside = target.resolveSibling(target.getFileName() + ".replaced-" + ProcessHandle.current().pid());
                move(target, aside);
            }
        }
        Files.deleteIfExists(work.resolve(LOCK)); // the lock stays held on the open channel until close
        move(work, target);
        committed = true;
        if (aside != null) deleteTree(aside);
    }

    /**
     * Whether the target holds something a partial result must not replace: anything but a partial
     * run (one that kept its checkpoint, as {@link #commit} leaves it).
     */
    public boolean targetHoldsMoreThanAPartialRun() throws IOException {
        return Files.isDirectory(target) && !isEmpty(target) && !Files.isDirectory(target.resolve(CHECKPOINT));
    }

    /** Drops what the working folder holds (a run that finished nothing): close then removes it. */
    public void discard() throws IOException {
        clear(work);
    }

    private void fillEmpty(Path dir) throws IOException {
        Files.deleteIfExists(work.resolve(LOCK));
        Path summary = null;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(work)) {
            for (Path p : s) {
                if (p.getFileName().toString().equals("summary.json")) summary = p;
                else move(p, dir.resolve(p.getFileName()));
            }
        }
        if (summary != null) move(summary, dir.resolve("summary.json"));
        Files.delete(work);
    }

    /** Whether {@link #commit} ran. */
    public boolean committed() { return committed; }

    /** Releases the lock; a working folder that holds nothing to resume from is removed. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } catch (IOException | RuntimeException ignored) {
            // closing the channel releases it too
        }
        lock.channel().close();
        if (!committed && !holdsMoreThanLock(work)) deleteTree(work);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static String holder(Path lockFile) {
        try {
            String pid = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
            return pid.isEmpty() ? "" : " (process " + pid + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    private static boolean holdsMoreThanLock(Path dir) {
        if (!Files.isDirectory(dir)) return false;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) if (!p.getFileName().toString().equals(LOCK)) return true;
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static String describe(Path dir) throws IOException {
        if (Files.exists(dir.resolve("summary.json"))) return "a run (summary.json)";
        long n;
        try (var s = Files.list(dir)) {
            n = s.count();
        }
        return n + (n == 1 ? " file or folder" : " files or folders");
    }

    /** Empties dir but for the lock. */
    private static void clear(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) if (!p.getFileName().toString().equals(LOCK)) deleteTree(p);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.copy(f, to.resolve(from.relativize(f)), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a file or a folder with all it holds (links are removed, never followed). */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.deleteIfExists(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) throw e;
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such folder there";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file of that name is in the way";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() == null ? "an input/output error" : e.getMessage();
    }
}
