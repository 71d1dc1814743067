package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * exp(A) of a small square matrix (a group generator t M) by scaling and squaring: A / 2^s has 1-norm at most
 * 1/2, its Taylor series is summed until the terms fall below rounding (at most 30 terms), and the result is
 * squared s times. Relative accuracy near machine precision for the moderate norms of teleport steps.
 */
public final class MatrixExponential {
    private MatrixExponential() {
    }

    public static INDArray of(INDArray a) {
        if (a.rank() != 2 || a.rows() != a.columns()) throw new IllegalArgumentException("exp needs a square matrix, got " + java.util.Arrays.toString(a.shape()));
        INDArray x = a.castTo(DataType.DOUBLE).dup();
        double norm1 = x.norm1(0).maxNumber().doubleValue();      // max column sum of |a_ij|
        if (!Double.isFinite(norm1)) return x.assign(Double.NaN);
        int squarings = norm1 > 0.5 ? (int) Math.ceil(Math.log(norm1 / 0.5) / Math.log(2)) : 0;
        x.divi(Math.pow(2, squarings));
        int n = a.rows();
        INDArray sum = Nd4j.eye(n).castTo(DataType.DOUBLE);
        INDArray term = sum.dup();
        for (int k = 1; k <= 30; k++) {
            term = term.mmul(x).divi(k);
            sum.addi(term);
            if (term.amaxNumber().doubleValue() <= 1e-18 * sum.amaxNumber().doubleValue()) break;
        }
        for (int i = 0; i < squarings; i++) sum = sum.mmul(sum);
        return sum;
    }
}
