package org.teleport4j.ops.data;

import org.apache.hadoop.conf.Configuration;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The IDX format of MNIST and Fashion-MNIST, raw or gzipped (detected by the gzip magic, not the name):
 * a big-endian header (0, 0, type 0x08 = unsigned byte, number of dimensions), the dimension sizes, then the data.
 */
public final class Idx {
    private Idx() {
    }

    /** An unsigned-byte IDX tensor: its dimensions and data. */
    public record Tensor(int[] dims, byte[] data, String source) {
        public int count() {
            return dims[0];
        }

        public int itemSize() {
            int s = 1;
            for (int i = 1; i < dims.length; i++) s *= dims[i];
            return s;
        }
    }

    public static Tensor read(String uri, Configuration conf) {
        return parse(gunzipIfNeeded(HadoopFiles.readAll(uri, conf), uri), uri);
    }

    static byte[] gunzipIfNeeded(byte[] bytes, String source) {
        if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) return bytes;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new BadDataException(source + ": corrupt gzip stream (" + e.getMessage() + ")", e);
        }
    }

    public static Tensor parse(byte[] bytes, String source) {
        if (bytes.length < 8) throw new BadDataException(source + ": " + bytes.length + " bytes is too short for an IDX header");
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.get() != 0 || b.get() != 0)
            throw new BadDataException(source + ": bad IDX magic (the first two bytes must be zero; not an IDX file?)");
        int type = b.get() & 0xff;
        if (type != 0x08) throw new BadDataException(source + ": IDX element type 0x" + Integer.toHexString(type) + " is not supported (only 0x08, unsigned byte)");
        int nd = b.get() & 0xff;
        if (nd < 1 || nd > 4) throw new BadDataException(source + ": IDX header says " + nd + " dimensions, expected 1 to 4");
        if (bytes.length < 4 + 4L * nd) throw new BadDataException(source + ": truncated IDX header");
        int[] dims = new int[nd];
        long expected = 1;
        for (int i = 0; i < nd; i++) {
            dims[i] = b.getInt();
            if (dims[i] <= 0) throw new BadDataException(source + ": IDX dimension " + i + " is " + dims[i] + ", must be positive");
            expected *= dims[i];
        }
        long header = 4 + 4L * nd;
        if (bytes.length - header != expected)
            throw new BadDataException(source + ": IDX header promises " + expected + " data bytes but the file holds "
                    + (bytes.length - header) + (bytes.length - header < expected ? " (truncated)" : " (trailing bytes)"));
        byte[] data = new byte[(int) expected];
        b.get(data);
        return new Tensor(dims, data, source);
    }

    /** Pairs an image tensor with a label tensor into {@link ExampleSet} records (label byte, then pixels). */
    public static ExampleSet examples(Tensor images, Tensor labels, int classes) {
        if (images.dims().length < 2) throw new BadDataException(images.source() + ": an image file needs at least 2 dimensions, has " + images.dims().length);
        if (labels.dims().length != 1) throw new BadDataException(labels.source() + ": a label file has 1 dimension, this has " + labels.dims().length);
        if (images.count() != labels.count())
            throw new BadDataException(images.source() + " holds " + images.count() + " images but " + labels.source() + " holds " + labels.count() + " labels");
        int n = images.count(), d = images.itemSize();
        List<byte[]> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int lab = labels.data()[i] & 0xff;
            if (lab >= classes) throw new BadDataException(labels.source() + ": label " + lab + " at index " + i + " is out of range 0.." + (classes - 1));
            byte[] r = new byte[d + 1];
            r[0] = (byte) lab;
            System.arraycopy(images.data(), i * d, r, 1, d);
            records.add(r);
        }
        return new ExampleSet(records, d, classes);
    }

    public static ExampleSet readExamples(String imagesUri, String labelsUri, int classes, Configuration conf) {
        return examples(read(imagesUri, conf), read(labelsUri, conf), classes);
    }
}
