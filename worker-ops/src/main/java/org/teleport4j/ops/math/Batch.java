package org.teleport4j.ops.math;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A batch of samples as rows: features [n, d_0] and labels [n, d_L] (one-hot rows for the classifier,
 * targets for regression), both DOUBLE.
 */
public record Batch(INDArray features, INDArray labels) {

    public Batch {
        if (features == null || labels == null) throw new IllegalArgumentException("features and labels must not be null");
        if (features.rank() != 2 || labels.rank() != 2 || features.rows() != labels.rows())
            throw new IllegalArgumentException("features and labels must be matrices with the same number of rows");
        features = features.dataType() == DataType.DOUBLE ? features : features.castTo(DataType.DOUBLE);
        labels = labels.dataType() == DataType.DOUBLE ? labels : labels.castTo(DataType.DOUBLE);
    }

    public static Batch of(DataSet data) {
        return new Batch(data.getFeatures(), data.getLabels());
    }

    public int size() {
        return features.rows();
    }
}
