package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A symmetric linear operator v -> A v on R^N, known only through its products: a Hessian seen through
 * Hessian-vector products (one data pass each, local or distributed), or an explicit matrix in tests.
 * Vectors are DOUBLE row vectors [1, N] (for a Hessian: DL4J's flat parameter layout).
 */
public interface SymmetricOperator {

    /** N, the length of the vectors the operator acts on. */
    long dimension();

    /** A v for a [1, N] row v; a new [1, N] array, v untouched. */
    INDArray apply(INDArray v);

    /**
     * A applied to every row of {@code rows} [p, N], returned as rows [p, N]. One product per row by
     * default; an operator whose products cost a data pass (a distributed Hessian) can override this to
     * serve several directions in one pass.
     */
    default INDArray applyToRows(INDArray rows) {
        INDArray out = rows.ulike();
        for (int i = 0; i < rows.rows(); i++) out.putRow(i, apply(rows.getRow(i, true)));
        return out;
    }

    /** Checks that {@code v} has this operator's length (as a vector of any shape). */
    default void requireDimension(INDArray v) {
        if (v.length() != dimension())
            throw new IllegalArgumentException("vector has " + v.length() + " entries, the operator acts on " + dimension());
    }

    /** The explicit matrix of an operator given by products, built column by column from unit vectors (N products). */
    static INDArray denseMatrix(SymmetricOperator op) {
        int n = Math.toIntExact(op.dimension());
        INDArray a = Nd4j.zeros(DataType.DOUBLE, n, n);
        for (int j = 0; j < n; j++) {
            INDArray e = Nd4j.zeros(DataType.DOUBLE, 1, n);
            e.putScalar(0, j, 1.0);
            a.putColumn(j, op.apply(e).reshape(n, 1));
        }
        return a;
    }
}
