package org.teleport4j.ops.math;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;

/** Small dense-matrix helpers the group actions share. */
public final class Matrices {
    private Matrices() {
    }

    /** I + t for a square t. */
    public static INDArray identityPlus(INDArray t) {
        return Nd4j.eye(t.rows()).castTo(DataType.DOUBLE).addi(t);
    }

    /**
     * The inverse of a square matrix, or a matrix of NaN when it is singular: a group step that leaves
     * the group is then caught by the teleport's non-finite check instead of throwing mid-way.
     */
    public static INDArray inverseOrNaN(INDArray g) {
        INDArray inv;
        try {
            inv = InvertMatrix.invert(g.castTo(DataType.DOUBLE), false);
        } catch (RuntimeException singular) {
            return g.ulike().assign(Double.NaN);
        }
        return allFinite(inv) ? inv : g.ulike().assign(Double.NaN);
    }

    public static boolean allFinite(INDArray a) {
        if (a == null) return true;
        return !a.isNaN().any() && !a.isInfinite().any();
    }

    /** [a, 1]: the features with a column of ones, so that one least-squares solve also fits the bias. */
    public static INDArray withOnesColumn(INDArray a) {
        return Nd4j.hstack(a, Nd4j.ones(DataType.DOUBLE, a.rows(), 1));
    }
}
