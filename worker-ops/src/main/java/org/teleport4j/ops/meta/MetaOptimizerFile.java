package org.teleport4j.ops.meta;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The file of a trained meta-optimiser: small and self-describing. Layout (big-endian, java.io.DataOutput):
 * the magic {@value #MAGIC}, a format version, kind id, n, hidden width (both cells), input and output scale,
 * the number of parameter blocks, then each block as name, rows, cols and rows * cols doubles (row-major), and
 * last the CRC32 of everything before it. Reading checks all of it and names the file in every error.
 */
public final class MetaOptimizerFile {
    public static final String MAGIC = "teleport4j-meta-optimizer";
    public static final int VERSION = 1;

    private MetaOptimizerFile() {
    }

    /** A file that is not a valid meta-optimiser file, or not the one expected. */
    public static final class BadMetaOptimizerFileException extends IllegalArgumentException {
        public BadMetaOptimizerFileException(String message) {
            super(message);
        }
    }

    public static byte[] toBytes(LstmMetaOptimizer opt) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(opt, bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static void write(LstmMetaOptimizer opt, OutputStream out) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        d.writeUTF(MAGIC);
        d.writeInt(VERSION);
        d.writeUTF(opt.kind().id());
        d.writeInt(opt.n());
        d.writeInt(opt.hidden());
        d.writeDouble(opt.inputScale());
        d.writeDouble(opt.outputScale());
        d.writeInt(opt.params().size());
        for (Map.Entry<String, INDArray> e : opt.params().entrySet()) {
            INDArray a = e.getValue();
            d.writeUTF(e.getKey());
            d.writeInt((int) a.rows());
            d.writeInt((int) a.columns());
            for (double v : a.dup('c').data().asDouble()) d.writeDouble(v);
        }
        d.flush();
        CRC32 crc = new CRC32();
        crc.update(body.toByteArray());
        DataOutputStream o = new DataOutputStream(out);
        body.writeTo(o);
        o.writeLong(crc.getValue());
        o.flush();
    }

    /** Reads a file; {@code name} (its path or URI) appears in every error. */
    public static LstmMetaOptimizer read(InputStream in, String name) {
        byte[] all;
        try {
            all = in.readAllBytes();
        } catch (IOException e) {
            throw new BadMetaOptimizerFileException("cannot read meta-optimiser file " + name + ": " + e.getMessage());
        }
        if (all.length < 8) throw bad(name, "too short (" + all.length + " bytes)");
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        DataInputStream d = new DataInputStream(new java.io.ByteArrayInputStream(all, 0, all.length - 8));
        try {
            String magic;
            try {
                magic = d.readUTF();
            } catch (IOException e) {
                throw bad(name, "not a meta-optimiser file (no " + MAGIC + " header)");
            }
            if (!MAGIC.equals(magic)) throw bad(name, "not a meta-optimiser file (no " + MAGIC + " header)");
            if (crc.getValue() != stored) throw bad(name, "corrupt: checksum mismatch (truncated or modified)");
            int version = d.readInt();
            if (version != VERSION) throw bad(name, "format version " + version + ", this build reads " + VERSION);
            MetaKind kind;
            try {
                kind = MetaKind.parse(d.readUTF());
            } catch (IllegalArgumentException e) {
                throw bad(name, e.getMessage());
            }
            int n = d.readInt(), hidden = d.readInt();
            double inScale = d.readDouble(), outScale = d.readDouble();
            if (n < 1 || hidden < 1) throw bad(name, "invalid sizes n = " + n + ", hidden = " + hidden);
            Map<String, long[]> expected = LstmMetaOptimizer.shapes(kind, n, hidden);
            int blocks = d.readInt();
            if (blocks != expected.size()) throw bad(name, blocks + " parameter blocks, " + kind.id() + " has " + expected.size());
            Map<String, INDArray> p = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : expected.entrySet()) {
                String block = d.readUTF();
                int rows = d.readInt(), cols = d.readInt();
                if (!block.equals(e.getKey()) || rows != e.getValue()[0] || cols != e.getValue()[1])
                    throw bad(name, "block " + block + " [" + rows + ", " + cols + "], expected " + e.getKey() + " " + Arrays.toString(e.getValue()));
                double[] v = new double[rows * cols];
                for (int i = 0; i < v.length; i++) v[i] = d.readDouble();
                p.put(block, Nd4j.create(v, new long[]{rows, cols}, 'c'));
            }
            if (d.available() > 0) throw bad(name, d.available() + " unexpected bytes after the last block");
            return new LstmMetaOptimizer(kind, n, hidden, inScale, outScale, p);
        } catch (EOFException e) {
            throw bad(name, "truncated");
        } catch (IOException e) {
            throw bad(name, e.toString());
        }
    }

    /** Reads a file and checks it is of the expected kind and size. */
    public static LstmMetaOptimizer read(InputStream in, String name, MetaKind kind, int n) {
        LstmMetaOptimizer opt = read(in, name);
        if (opt.kind() != kind || opt.n() != n)
            throw bad(name, "holds " + opt.kind().id() + " for n = " + opt.n() + ", expected " + kind.id() + " for n = " + n);
        return opt;
    }

    private static BadMetaOptimizerFileException bad(String name, String why) {
        return new BadMetaOptimizerFileException("meta-optimiser file " + name + ": " + why);
    }
}
