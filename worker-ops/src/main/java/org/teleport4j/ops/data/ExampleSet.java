package org.teleport4j.ops.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled images kept as raw records: byte 0 is the label, bytes 1..inputs the pixels (0..255). This is
 * CIFAR-10's own record layout; IDX files are converted to it. Records are compact (one byte a pixel),
 * serialise cheaply to Spark executors, and are decoded to [0,1] floats only when a minibatch is formed.
 *
 * @param records the records, each of length inputs + 1
 * @param inputs  pixels per example
 * @param classes number of classes (labels are 0..classes-1, checked by the readers)
 */
public record ExampleSet(List<byte[]> records, int inputs, int classes) implements Serializable {

    public int size() {
        return records.size();
    }

    /** The first {@code n} examples (all of them when n <= 0 or n >= size). */
    public ExampleSet head(int n) {
        return n <= 0 || n >= size() ? this : new ExampleSet(records.subList(0, n), inputs, classes);
    }

    /** Examples [from, to) as one DataSet: pixels scaled to [0,1], one-hot labels. */
    public DataSet toDataSet(int from, int to, DataType dataType) {
        return toDataSet(records.subList(from, to), inputs, classes, dataType);
    }

    public DataSet toDataSet(DataType dataType) {
        return toDataSet(0, size(), dataType);
    }

    /** Consecutive minibatches in the stored order (the last one may be smaller). */
    public List<DataSet> minibatches(int batchSize, DataType dataType) {
        if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        List<DataSet> out = new ArrayList<>((size() + batchSize - 1) / batchSize);
        for (int from = 0; from < size(); from += batchSize) out.add(toDataSet(from, Math.min(size(), from + batchSize), dataType));
        return out;
    }

    /** Decodes records into a DataSet; the one place pixels are scaled. */
    public static DataSet toDataSet(List<byte[]> records, int inputs, int classes, DataType dataType) {
        int n = records.size();
        float[] x = new float[n * inputs];
        float[] y = new float[n * classes];
        for (int i = 0; i < n; i++) {
            byte[] r = records.get(i);
            int off = i * inputs;
            for (int j = 0; j < inputs; j++) x[off + j] = (r[j + 1] & 0xff) / 255f;
            y[i * classes + (r[0] & 0xff)] = 1f;
        }
        INDArray features = Nd4j.create(x, new long[]{n, inputs}, 'c');
        INDArray labels = Nd4j.create(y, new long[]{n, classes}, 'c');
        if (dataType != DataType.FLOAT) {
            features = features.castTo(dataType);
            labels = labels.castTo(dataType);
        }
        return new DataSet(features, labels);
    }
}
