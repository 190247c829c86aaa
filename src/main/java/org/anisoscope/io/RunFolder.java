package org.anisoscope.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
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
    /** Parent folders this open made (removed again, when empty, if nothing is committed). */
    private final List<Path> made;
    private boolean committed;

    private RunFolder(Path target, Path option, FileLock lock, boolean resumed, List<Path> made) {
        this.target = target;
        this.work = workFolder(target);
        this.option = option;
        this.lock = lock;
        this.resumed = resumed;
        this.made = made;
    }

    /** A name's longest: NAME.partial and NAME.replaced-PID must fit a file system's 255 bytes. */
    static final int MAX_NAME = 230;

    /** Results anisoscope writes into a folder: --force replaces a folder only when it holds one of them. */
    static final List<String> RESULTS = List.of("summary.json", "scan.json", "convergence.json", "dmumu.json", "separation.json", "prediction.json",
            "demo_map.fits", CHECKPOINT);

    /**
     * Refuses to replace a folder that holds no anisoscope result (someone's other files), or one whose
     * files cannot all be removed (read-only): both before any work.
     */
    private static void forceable(Path target, String optionName, Path given) throws IOException {
        boolean result = false;
        for (String r : RESULTS) result |= Files.exists(target.resolve(r), LinkOption.NOFOLLOW_LINKS);
        if (!result) {
            throw new IllegalArgumentException(optionName + " " + given + " holds " + describe(target) + " but no anisoscope result (summary.json, "
                    + "scan.json, ..): --force replaces only a result folder; give another folder, or move those files away yourself");
        }
        try (var walk = Files.walk(target)) {
            for (Path d : walk.filter(q -> Files.isDirectory(q, LinkOption.NOFOLLOW_LINKS)).toList()) {
                if (!Files.isWritable(d)) {
                    throw new IllegalArgumentException(optionName + " " + given + " cannot be replaced: " + d + " is read-only, so its files could "
                            + "not be removed; make it writable, or give another folder");
                }
            }
        }
    }

    /** The folders from dir up that do not exist yet (deepest first). */
    private static List<Path> missingParents(Path dir) {
        List<Path> m = new java.util.ArrayList<>();
        for (Path d = dir; d != null && !Files.exists(d, LinkOption.NOFOLLOW_LINKS); d = d.getParent()) m.add(d);
        return m;
    }

    private static void removeEmpty(List<Path> dirs) {
        for (Path d : dirs) {
            try {
                Files.deleteIfExists(d); // fails, and stays, when something is in it
            } catch (IOException ignored) {
                // not ours to empty
            }
        }
    }

    /** Whether a (following links) starts with b's real path. */
    private static boolean realStartsWith(Path a, Path b) {
        try {
            return Files.exists(b) && a.toRealPath().startsWith(b.toRealPath());
        } catch (IOException e) {
            return false;
        }
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
        if (target.getFileName().toString().getBytes(StandardCharsets.UTF_8).length > MAX_NAME) {
            throw new IllegalArgumentException(optionName + " " + given + ": a folder name of more than " + MAX_NAME + " bytes leaves no room for "
                    + "its working folder NAME.partial; give a shorter name");
        }
        // the folder the user stands in, or one that holds it (., .., ~, /): never a run's folder, whatever the options
        Path here = Path.of("").toAbsolutePath().normalize(), home = Path.of(System.getProperty("user.home", "/")).toAbsolutePath().normalize();
        if (here.startsWith(target) || realStartsWith(here, target) || target.equals(home)) {
            throw new IllegalArgumentException(optionName + " " + given + " is " + (target.equals(home) ? "your home folder"
                    : target.equals(here) ? "the folder you are in" : "a folder that holds the one you are in")
                    + ": a run's folder is replaced whole, so give a new folder's name (e.g. " + optionName + " run1)");
        }
        Path work = workFolder(target);
        if (Files.isSymbolicLink(work) || Files.exists(work) && !Files.isDirectory(work)) {
            throw new IllegalArgumentException(optionName + " " + given + ": " + work + " is in the way (" + (Files.isSymbolicLink(work) ? "a link"
                    : "a file") + "; the working folder is made there): move it away");
        }
        if (Files.isDirectory(work) && !Files.exists(work.resolve(LOCK)) && !isEmpty(work)) {
            throw new IllegalArgumentException(optionName + " " + given + ": " + work + " holds files anisoscope did not write (its working folder "
                    + "would have a " + LOCK + "): move it away, or give another folder");
        }
        List<Path> made = missingParents(parent);
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalArgumentException(optionName + " " + given + ": cannot create its parent folder " + parent + " (" + reason(e) + ")");
        }
        if (!Files.isWritable(parent)) {
            removeEmpty(made);
            throw new IllegalArgumentException(optionName + " " + given + ": the folder " + parent + " is not writable; give a folder you can write to");
        }
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
            long copied = -1;
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
                case FORCE -> {
                    if (targetHolds) forceable(target, optionName, given);
                    clear(work);
                }
                case RESUME -> {
                    if (Files.isDirectory(work.resolve(CHECKPOINT))) {
                        resumed = true;
                    } else if (Files.isDirectory(target.resolve(CHECKPOINT))) {
                        // a partial run committed on Ctrl-C: back into the working folder, so the target
                        // stays whole (the old partial) until the continued run replaces it
                        clear(work);
                        copyTree(target.resolve(CHECKPOINT), work.resolve(CHECKPOINT));
                        copied = files(work.resolve(CHECKPOINT));
                        resumed = true;
                    } else {
                        throw new IllegalArgumentException(optionName + " " + given + ": nothing to resume there (no " + work.getFileName()
                                + " and no partial run with a checkpoint in " + given + "); start the run without --resume");
                    }
                }
            }
            f = new RunFolder(target, given, lock, resumed, made);
            f.copied = copied;
            return f;
        } finally {
            if (f == null) {
                lock.release();
                ch.close();
                if (!holdsMoreThanLock(work)) deleteTree(work);
                removeEmpty(made);
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
                AtomicFiles.move(target, aside, false);
            }
        }
        Files.deleteIfExists(work.resolve(LOCK)); // the lock stays held on the open channel until close
        AtomicFiles.move(work, target, false);
        committed = true;
        if (aside != null) {
            try {
                deleteTree(aside);
            } catch (IOException e) {
                leftover = aside;
            }
        }
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
                else AtomicFiles.move(p, dir.resolve(p.getFileName()), false);
            }
        }
        if (summary != null) AtomicFiles.move(summary, dir.resolve("summary.json"), false);
        Files.delete(work);
    }

    private Path leftover;
    /** Files in the checkpoint copied from a partial run at the target (-1: none copied): a copy nothing was added to is dropped on close. */
    private long copied = -1;

    /** The replaced folder where it could not be removed after the new one took its place (null: none). */
    public Path leftover() { return leftover; }

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
        if (!committed && copied >= 0 && files(work.resolve(CHECKPOINT)) == copied) clear(work); // the target still holds it all
        if (!committed && !holdsMoreThanLock(work)) {
            deleteTree(work);
            removeEmpty(made);
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

    private static long files(Path dir) {
        try (var s = Files.list(dir)) {
            return s.count();
        } catch (IOException e) {
            return -2;
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
