package org.teleport4j.ops.data;

import org.apache.hadoop.conf.Configuration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The CIFAR-10 binary format: records of 3073 bytes, a label byte (0..9) then the red, green and blue
 * 32x32 planes, row-major. The record is already {@link ExampleSet}'s layout; pixels stay in the file's
 * (channel, row, column) order.
 */
public final class CifarBinary {
    public static final int RECORD_BYTES = 3073;
    public static final int PIXELS = 3072;
    public static final int CLASSES = 10;
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_FILE = "test_batch.bin";

    private CifarBinary() {
    }

    /** Checks one record (as Spark's binaryRecords delivers it); {@code source} names it in the error. */
    public static byte[] checkRecord(byte[] record, String source) {
        if (record.length != RECORD_BYTES)
            throw new BadDataException(source + ": record of " + record.length + " bytes, expected " + RECORD_BYTES);
        int label = record[0] & 0xff;
        if (label >= CLASSES) throw new BadDataException(source + ": label " + label + " is out of range 0..9 (not a CIFAR-10 binary file?)");
        return record;
    }

    /** Splits and checks a whole file's bytes. */
    public static List<byte[]> records(byte[] bytes, String source) {
        if (bytes.length == 0 || bytes.length % RECORD_BYTES != 0)
            throw new BadDataException(source + ": size " + bytes.length + " bytes is not a positive multiple of the "
                    + RECORD_BYTES + "-byte CIFAR-10 record (truncated or not CIFAR-10 binary)");
        int n = bytes.length / RECORD_BYTES;
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
            out.add(checkRecord(Arrays.copyOfRange(bytes, i * RECORD_BYTES, (i + 1) * RECORD_BYTES), source + " record " + i));
        return out;
    }

    /** Reads and concatenates files (any Hadoop FileSystem URI), in the given order. */
    public static ExampleSet read(List<String> uris, Configuration conf) {
        List<byte[]> all = new ArrayList<>();
        for (String uri : uris) all.addAll(records(HadoopFiles.readAll(uri, conf), uri));
        return new ExampleSet(all, PIXELS, CLASSES);
    }
}
