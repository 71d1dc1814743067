package org.teleport4j.ops.data;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class IdxTest {
    @TempDir
    Path tmp;

    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    static byte[] images(int n) {
        byte[] px = new byte[n * 4];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 17);
        return idx(new int[]{n, 2, 2}, px);
    }

    @Test
    void readsRawAndGzippedAlike() throws IOException {
        Path img = tmp.resolve("img"), lab = tmp.resolve("lab.gz");
        Files.write(img, images(3));
        Files.write(lab, gzip(idx(new int[]{3}, new byte[]{4, 0, 9})));
        ExampleSet set = Idx.readExamples(img.toString(), lab.toString(), 10, new Configuration());
        assertEquals(3, set.size());
        assertEquals(4, set.inputs());
        DataSet ds = set.toDataSet(DataType.DOUBLE);
        assertEquals(1.0, ds.getLabels().getDouble(0, 4));
        assertEquals(1.0, ds.getLabels().getDouble(2, 9));
        assertEquals(((5 * 17) & 0xff) / 255.0, ds.getFeatures().getDouble(1, 1), 1e-7);

        Files.write(img, gzip(images(3)));
        ExampleSet again = Idx.readExamples(img.toString(), lab.toString(), 10, new Configuration());
        assertArrayEquals(set.records().get(2), again.records().get(2));
    }

    @Test
    void truncatedDataIsNamed() throws IOException {
        Path img = tmp.resolve("train-images");
        byte[] full = images(3);
        Files.write(img, Arrays.copyOf(full, full.length - 1));
        BadDataException e = assertThrows(BadDataException.class, () -> Idx.read(img.toString(), new Configuration()));
        assertTrue(e.getMessage().contains("train-images") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void badMagicAndTypeAreRejected() throws IOException {
        Path f = tmp.resolve("x");
        byte[] b = images(1);
        b[0] = 1;
        Files.write(f, b);
        assertTrue(assertThrows(BadDataException.class, () -> Idx.read(f.toString(), new Configuration())).getMessage().contains("magic"));
        b = images(1);
        b[2] = 0x0D;
        Files.write(f, b);
        assertTrue(assertThrows(BadDataException.class, () -> Idx.read(f.toString(), new Configuration())).getMessage().contains("type"));
    }

    @Test
    void corruptGzipIsBadData() throws IOException {
        Path f = tmp.resolve("c.gz");
        byte[] gz = gzip(images(50));
        Files.write(f, Arrays.copyOf(gz, gz.length / 2));
        BadDataException e = assertThrows(BadDataException.class, () -> Idx.read(f.toString(), new Configuration()));
        assertTrue(e.getMessage().contains("c.gz"), e.getMessage());
    }

    @Test
    void countMismatchAndLabelRangeAreRejected() throws IOException {
        Path img = tmp.resolve("img"), lab = tmp.resolve("lab");
        Files.write(img, images(3));
        Files.write(lab, idx(new int[]{2}, new byte[]{1, 2}));
        assertTrue(assertThrows(BadDataException.class, () -> Idx.readExamples(img.toString(), lab.toString(), 10, new Configuration()))
                .getMessage().contains("3 images but"));
        Files.write(lab, idx(new int[]{3}, new byte[]{1, 2, 10}));
        assertTrue(assertThrows(BadDataException.class, () -> Idx.readExamples(img.toString(), lab.toString(), 10, new Configuration()))
                .getMessage().contains("label 10"));
    }

    @Test
    void realMnistAndFashionHaveTheKnownCounts() {
        Assumptions.assumeTrue(RealData.present(DatasetId.MNIST) && RealData.present(DatasetId.FASHION_MNIST), "datasets not fetched");
        ExampleSet mnist = DatasetId.MNIST.readTrain(RealData.dir(), new Configuration());
        assertEquals(60000, mnist.size());
        assertEquals(784, mnist.inputs());
        int[] counts = new int[10];
        for (byte[] r : mnist.records()) counts[r[0]]++;
        assertArrayEquals(new int[]{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, counts);
        ExampleSet fashion = DatasetId.FASHION_MNIST.readTest(RealData.dir(), new Configuration());
        assertEquals(10000, fashion.size());
        int[] f = new int[10];
        for (byte[] r : fashion.records()) f[r[0]]++;
        for (int c : f) assertEquals(1000, c);
    }
}
