package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A symmetric operator given by an explicit N x N matrix (a small dense Hessian, or a test matrix with a
 * known spectrum). The matrix is copied to DOUBLE and checked for symmetry.
 */
public final class MatrixOperator implements SymmetricOperator {
    private final INDArray matrix;

    public MatrixOperator(INDArray matrix) {
        if (matrix.rank() != 2 || matrix.rows() != matrix.columns())
            throw new IllegalArgumentException("need a square matrix, got shape " + java.util.Arrays.toString(matrix.shape()));
        INDArray a = matrix.castTo(DataType.DOUBLE).dup();
        double scale = Math.max(a.amaxNumber().doubleValue(), Double.MIN_NORMAL);
        double asymmetry = a.sub(a.transpose()).amaxNumber().doubleValue();
        if (asymmetry > 1e-12 * scale)
            throw new IllegalArgumentException("matrix is not symmetric: max |A - A^T| = " + asymmetry + " (max |A| = " + scale + ")");
        this.matrix = a;
    }

    /** The diagonal matrix diag(values). */
    public static MatrixOperator diagonal(double... values) {
        return new MatrixOperator(Nd4j.diag(Nd4j.createFromArray(values)));
    }

    /** Q diag(values) Q^T with Q orthogonal (its columns become the eigenvectors). */
    public static MatrixOperator withSpectrum(INDArray orthogonal, double... values) {
        INDArray q = orthogonal.castTo(DataType.DOUBLE);
        INDArray scaled = q.mulRowVector(Nd4j.createFromArray(values).reshape(1, values.length));
        INDArray a = Nd4j.gemm(scaled, q, false, true);
        return new MatrixOperator(a.add(a.transpose()).muli(0.5));   // symmetric to the last bit
    }

    public INDArray matrix() {
        return matrix.dup();
    }

    @Override
    public long dimension() {
        return matrix.rows();
    }

    @Override
    public INDArray apply(INDArray v) {
        requireDimension(v);
        return Nd4j.gemm(v.castTo(DataType.DOUBLE).reshape(1, dimension()), matrix, false, false);
    }

    @Override
    public INDArray applyToRows(INDArray rows) {
        return Nd4j.gemm(rows.castTo(DataType.DOUBLE), matrix, false, false);
    }
}
