package org.teleport4j.ops.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;

/** Reads whole files through the Hadoop FileSystem, so file://, hdfs:// and any other scheme work alike. */
public final class HadoopFiles {
    private HadoopFiles() {
    }

    public static byte[] readAll(String uri, Configuration conf) {
        Path path = new Path(uri);
        try {
            FileSystem fs = path.getFileSystem(conf);
            try (InputStream in = fs.open(path)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, Math.max(1024, fs.getFileStatus(path).getLen())));
                in.transferTo(out);
                return out.toByteArray();
            }
        } catch (FileNotFoundException e) {
            throw new BadDataException("dataset file not found: " + uri + " (run deploy/fetch-data.sh, or set data.dir)", e);
        } catch (IOException e) {
            throw new BadDataException("cannot read " + uri + ": " + e.getMessage(), e);
        }
    }

    public static byte[] readAll(String uri) {
        return readAll(uri, new Configuration());
    }
}
