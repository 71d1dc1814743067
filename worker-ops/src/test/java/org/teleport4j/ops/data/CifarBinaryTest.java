package org.teleport4j.ops.data;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CifarBinaryTest {
    @TempDir
    Path tmp;

    /** n records with labels i % 10 and pixel j of record i = (i + j) % 256. */
    static byte[] records(int n) {
        byte[] b = new byte[n * CifarBinary.RECORD_BYTES];
        for (int i = 0; i < n; i++) {
            b[i * CifarBinary.RECORD_BYTES] = (byte) (i % 10);
            for (int j = 0; j < CifarBinary.PIXELS; j++) b[i * CifarBinary.RECORD_BYTES + 1 + j] = (byte) ((i + j) % 256);
        }
        return b;
    }

    @Test
    void decodesLabelsAndScalesPixelsInFileOrder() throws IOException {
        Path a = tmp.resolve("a.bin"), b = tmp.resolve("b.bin");
        Files.write(a, records(3));
        byte[] second = records(2);
        second[0] = 7;
        Files.write(b, second);
        ExampleSet set = CifarBinary.read(List.of(a.toUri().toString(), b.toString()), new Configuration());
        assertEquals(5, set.size());
        DataSet ds = set.toDataSet(DataType.DOUBLE);
        assertArrayEquals(new long[]{5, 3072}, ds.getFeatures().shape());
        assertEquals(1.0, ds.getLabels().getDouble(1, 1));
        assertEquals(1.0, ds.getLabels().getDouble(3, 7), "first record of the second file");
        assertEquals(0.0, ds.getFeatures().getDouble(0, 0));
        assertEquals(255 / 255.0, ds.getFeatures().getDouble(0, 255), 1e-7);
        assertEquals(((2 + 1000) % 256) / 255.0, ds.getFeatures().getDouble(2, 1000), 1e-7);
        double max = ds.getFeatures().maxNumber().doubleValue(), min = ds.getFeatures().minNumber().doubleValue();
        assertTrue(min >= 0 && max <= 1, "pixels in [0,1]");
    }

    @Test
    void truncatedFileNamesTheFileAndTheProblem() throws IOException {
        Path f = tmp.resolve("data_batch_9.bin");
        byte[] b = records(2);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 100));
        BadDataException e = assertThrows(BadDataException.class, () -> CifarBinary.read(List.of(f.toString()), new Configuration()));
        assertTrue(e.getMessage().contains("data_batch_9.bin") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void outOfRangeLabelIsRejected() throws IOException {
        Path f = tmp.resolve("bad.bin");
        byte[] b = records(2);
        b[CifarBinary.RECORD_BYTES] = 42;
        Files.write(f, b);
        BadDataException e = assertThrows(BadDataException.class, () -> CifarBinary.read(List.of(f.toString()), new Configuration()));
        assertTrue(e.getMessage().contains("bad.bin record 1") && e.getMessage().contains("label 42"), e.getMessage());
    }

    @Test
    void missingFileIsBadData() {
        BadDataException e = assertThrows(BadDataException.class,
                () -> CifarBinary.read(List.of(tmp.resolve("nope.bin").toString()), new Configuration()));
        assertTrue(e.getMessage().contains("nope.bin") && e.getMessage().contains("fetch-data"), e.getMessage());
    }

    @Test
    void minibatchesKeepOrderAndSizes() throws IOException {
        Path f = tmp.resolve("m.bin");
        Files.write(f, records(25));
        ExampleSet set = CifarBinary.read(List.of(f.toString()), new Configuration());
        List<DataSet> mbs = set.minibatches(10, DataType.FLOAT);
        assertEquals(List.of(10, 10, 5), mbs.stream().map(DataSet::numExamples).toList());
        assertEquals(1.0f, mbs.get(2).getLabels().getFloat(0, 0), "example 20 has label 0");
    }

    @Test
    void realTestBatchHasThousandImagesPerClass() {
        Assumptions.assumeTrue(RealData.present(DatasetId.CIFAR10), "CIFAR-10 not fetched (deploy/fetch-data.sh)");
        ExampleSet test = DatasetId.CIFAR10.readTest(RealData.dir(), new Configuration());
        assertEquals(10000, test.size());
        int[] counts = new int[10];
        for (byte[] r : test.records()) counts[r[0]]++;
        for (int c : counts) assertEquals(1000, c);
        // A real photo set is neither constant nor saturated.
        DataSet ds = test.toDataSet(0, 100, DataType.FLOAT);
        double mean = ds.getFeatures().meanNumber().doubleValue();
        assertTrue(mean > 0.3 && mean < 0.7, "mean pixel " + mean);
    }
}
