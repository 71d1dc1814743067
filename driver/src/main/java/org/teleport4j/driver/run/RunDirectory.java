package org.teleport4j.driver.run;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A run's directory on any Hadoop FileSystem (local path, file://, hdfs://). Every file is written
 * atomically: to a hidden temporary name first, then renamed into place, so a crash never leaves a
 * half-written checkpoint or metrics file behind.
 */
public final class RunDirectory {
    public static final String SUCCESS = "_SUCCESS";

    /** Writes the content of one file. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private final Path root;
    private final FileSystem fs;

    public RunDirectory(String uri, Configuration hadoopConf) {
        this.root = new Path(uri);
        try {
            this.fs = root.getFileSystem(hadoopConf);
            fs.mkdirs(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + uri + ": " + e.getMessage(), e);
        }
    }

    public String uri() {
        return fs.makeQualified(root).toString();
    }

    public Path path(String name) {
        return new Path(root, name);
    }

    public boolean exists(String name) {
        try {
            return fs.exists(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code name} atomically (temp file + rename; an existing file is replaced). */
    public void write(String name, Writer writer) {
        Path target = path(name);
        Path tmp = new Path(target.getParent(), "._tmp-" + target.getName() + "-" + UUID.randomUUID());
        try {
            fs.mkdirs(target.getParent());
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                writer.write(out);
                out.hsync();
            }
            // Hadoop's rename does not replace: remove the old file first. A crash in between leaves the
            // temp file, which readers ignore, and the previous checkpoint pointer still names a valid file.
            if (fs.exists(target) && !fs.delete(target, false)) throw new IOException("cannot replace " + target);
            if (!fs.rename(tmp, target)) throw new IOException("rename " + tmp + " -> " + target + " failed");
        } catch (IOException e) {
            try {
                fs.delete(tmp, false);
            } catch (IOException ignored) {
                // best effort
            }
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a directory {@code name} atomically (e.g. a Parquet table written by Spark): {@code writer} fills a
     * temporary sibling, given as a fully qualified URI, which then replaces {@code name} by a rename.
     */
    public void writeDirectory(String name, java.util.function.Consumer<String> writer) {
        Path target = path(name);
        Path tmp = new Path(target.getParent(), "._tmp-" + target.getName() + "-" + UUID.randomUUID());
        try {
            fs.mkdirs(target.getParent());
            writer.accept(fs.makeQualified(tmp).toString());
            if (fs.exists(target) && !fs.delete(target, true)) throw new IOException("cannot replace " + target);
            if (!fs.rename(tmp, target)) throw new IOException("rename " + tmp + " -> " + target + " failed");
        } catch (IOException | RuntimeException e) {
            try {
                fs.delete(tmp, true);
            } catch (IOException ignored) {
                // best effort
            }
            if (e instanceof RuntimeException r) throw r;
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), (IOException) e);
        }
    }

    public void writeText(String name, String text) {
        write(name, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    public String readText(String name) {
        try (InputStream in = fs.open(path(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path(name) + ": " + e.getMessage(), e);
        }
    }

    public InputStream open(String name) throws IOException {
        return fs.open(path(name));
    }

    /** Names of the visible files in a sub-directory (temporary files excluded), sorted. */
    public List<String> list(String dir) {
        List<String> out = new ArrayList<>();
        try {
            if (!fs.exists(path(dir))) return out;
            for (FileStatus s : fs.listStatus(path(dir))) {
                String n = s.getPath().getName();
                if (!n.startsWith(".") && !n.startsWith("_")) out.add(n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    public void delete(String name) {
        try {
            fs.delete(path(name), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isComplete() {
        return exists(SUCCESS);
    }

    /** Marks the run finished; written last. */
    public void markComplete() {
        writeText(SUCCESS, "");
    }
}
