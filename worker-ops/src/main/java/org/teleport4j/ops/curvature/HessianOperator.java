package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.TeleportSample;

/**
 * The Hessian of the mean sample loss at fixed weights, as a symmetric operator: each product is one pass
 * over the sample (exact R-operator HVP, {@code sums(arch, params, v).meanHvp()}), on a batch in memory or
 * on a sample spread over executors. The weights are copied: the operator stays at the point it was made for.
 */
public final class HessianOperator implements SymmetricOperator {
    private final NetArchitecture arch;
    private final INDArray params;
    private final TeleportSample sample;

    public HessianOperator(NetArchitecture arch, INDArray params, TeleportSample sample) {
        if (params.length() != arch.parameterCount())
            throw new IllegalArgumentException("parameters have " + params.length() + " entries, " + arch + " needs " + arch.parameterCount());
        this.arch = arch;
        this.params = params.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape(1, params.length()).dup();
        this.sample = sample;
    }

    public NetArchitecture architecture() {
        return arch;
    }

    /** The weights the Hessian is taken at (a copy), [1, N]. */
    public INDArray parameters() {
        return params.dup();
    }

    public TeleportSample sample() {
        return sample;
    }

    @Override
    public long dimension() {
        return arch.parameterCount();
    }

    @Override
    public INDArray apply(INDArray v) {
        requireDimension(v);
        return sample.sums(arch, params, v.reshape(1, dimension())).meanHvp();
    }
}
