package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The Lanczos process with full reorthogonalisation: builds an orthonormal basis q_0, q_1, ... of the Krylov
 * space of a symmetric operator A and the tridiagonal T = Q^T A Q (diagonal alpha, off-diagonal beta), one
 * product A q per {@link #step}. Every new vector is orthogonalised against the whole basis twice ("twice is
 * enough"), so the basis stays orthonormal to rounding and no spurious copies of converged eigenvalues appear.
 *
 * <p>Breakdown (beta below a relative threshold: the basis spans an invariant subspace) either ends the process
 * or, when a restart generator is given, continues from a random vector orthogonal to the basis with beta = 0
 * (T then splits into blocks; eigenvalues with several copies can be found this way). Stateful: one instance
 * per run.
 */
final class LanczosIteration {
    /** beta <= BREAKDOWN * (largest ||A q|| seen) counts as an invariant subspace. */
    static final double BREAKDOWN = 1e-12;

    private final SymmetricOperator op;
    private final long n;
    private final int capacity;
    private final INDArray basis;           // [capacity, N], row j = q_j
    private final double[] alpha;
    private final double[] beta;            // beta[j] couples q_j and q_{j+1}
    private final SplittableRandom restart; // null: stop at breakdown
    private int size;                       // steps taken = basis vectors with their alpha
    private boolean exhausted;
    private boolean restarted;              // the last step ended in a breakdown and a restart
    private double operatorScale;

    /**
     * @param start    the start vector (any nonzero vector; normalised here)
     * @param capacity the most steps this run may take (capped at N)
     * @param restart  generator for restart vectors after a breakdown, or null to stop there
     */
    LanczosIteration(SymmetricOperator op, INDArray start, int capacity, SplittableRandom restart) {
        op.requireDimension(start);
        this.op = op;
        this.n = op.dimension();
        this.capacity = (int) Math.min(capacity, n);
        if (this.capacity < 1) throw new IllegalArgumentException("Lanczos needs at least one step, capacity " + capacity);
        this.basis = Nd4j.zeros(DataType.DOUBLE, this.capacity, n);
        this.alpha = new double[this.capacity];
        this.beta = new double[this.capacity];
        this.restart = restart;
        INDArray q0 = start.castTo(DataType.DOUBLE).reshape(1, n).dup();
        double norm = q0.norm2Number().doubleValue();
        if (!(norm > 0) || !Double.isFinite(norm)) throw new IllegalArgumentException("start vector must be nonzero and finite, norm " + norm);
        basis.putRow(0, q0.divi(norm));
    }

    /** Whether another step is possible (capacity left and the space not exhausted). */
    boolean canStep() {
        return !exhausted && size < capacity;
    }

    /** One product A q_j: computes alpha_j, beta_j and (room permitting) q_{j+1}. */
    void step() {
        if (!canStep()) throw new IllegalStateException("Lanczos cannot take another step (size " + size + ", capacity " + capacity + ")");
        int j = size;
        restarted = false;
        INDArray q = basis.getRow(j, true);
        INDArray w = op.apply(q.dup()).castTo(DataType.DOUBLE).reshape(1, n).dup();
        operatorScale = Math.max(operatorScale, w.norm2Number().doubleValue());
        double a = q.mul(w).sumNumber().doubleValue();
        alpha[j] = a;
        w.subi(q.mul(a));
        if (j > 0) w.subi(basis.getRow(j - 1, true).mul(beta[j - 1]));
        orthogonalise(w, j + 1);
        orthogonalise(w, j + 1);
        double b = w.norm2Number().doubleValue();
        size = j + 1;
        if (size == n) {                                   // the whole space: T is similar to A
            beta[j] = 0.0;
            exhausted = true;
            return;
        }
        if (b <= BREAKDOWN * operatorScale) {
            beta[j] = 0.0;
            if (restart == null || !restartInto(j + 1)) exhausted = true;
            else restarted = size < capacity;
            return;
        }
        beta[j] = b;
        if (size < capacity) basis.putRow(size, w.divi(b));
    }

    /** Removes from w its components along q_0 .. q_{count-1} (one classical Gram-Schmidt pass as two gemms). */
    private void orthogonalise(INDArray w, int count) {
        INDArray q = basis.get(NDArrayIndex.interval(0, count), NDArrayIndex.all());
        INDArray coefficients = Nd4j.gemm(w, q, false, true);            // [1, count]
        w.subi(Nd4j.gemm(coefficients, q, false, false));
    }

    /** A fresh random direction orthogonal to the basis as row {@code row}; false when none is numerically left. */
    private boolean restartInto(int row) {
        if (row >= capacity) return true;   // no room: the run ends with the steps it has
        INDArray r = RandomDraws.gaussian(restart, n);
        orthogonalise(r, row);
        orthogonalise(r, row);
        double norm = r.norm2Number().doubleValue();
        if (!(norm > 1e-8)) return false;
        basis.putRow(row, r.divi(norm));
        return true;
    }

    /**
     * Whether the last step found an invariant subspace and continued from a random vector orthogonal to it:
     * the Ritz pairs so far are exact, but eigenvalues outside the subspace have not been seen yet.
     */
    boolean restartedAtLastStep() {
        return restarted;
    }

    int size() {
        return size;
    }

    boolean exhausted() {
        return exhausted;
    }

    /** alpha_0 .. alpha_{size-1}. */
    double[] alphas() {
        return Arrays.copyOf(alpha, size);
    }

    /** beta_0 .. beta_{size-1}; the last couples T to the next (not yet used) basis vector. */
    double[] betas() {
        return Arrays.copyOf(beta, size);
    }

    /** The coupling of the current T to the rest of the space: the residual scale of every Ritz pair. */
    double lastBeta() {
        return size == 0 ? Double.NaN : beta[size - 1];
    }

    /** The eigen-decomposition of the current T_size. */
    TridiagonalEigen ritz() {
        return TridiagonalEigen.of(alphas(), betas());
    }

    /** q_0 .. q_{size-1} as rows [size, N] (a view: do not modify). */
    INDArray basisRows() {
        return basis.get(NDArrayIndex.interval(0, size), NDArrayIndex.all());
    }

    /** Largest ||A q_j|| seen: a lower bound of ||A||, the scale for relative thresholds. */
    double operatorScale() {
        return operatorScale;
    }
}
