package org.teleport4j.ops.math;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A teleport sample held in memory: one batch, one forward pass shared by g and H g. */
public record LocalSample(Batch batch) implements TeleportSample {

    @Override
    public BatchSums sums(NetArchitecture arch, INDArray params, INDArray direction) {
        return new DenseNetView(arch, params).sums(batch, direction);
    }

    @Override
    public double meanLoss(NetArchitecture arch, INDArray params) {
        return new DenseNetView(arch, params).loss(batch);
    }

    @Override
    public INDArray features() {
        return batch.features();
    }

    @Override
    public GradientAndHvp gradientAndHessianGradient(NetArchitecture arch, INDArray params) {
        return new DenseNetView(arch, params).gradientAndHessianGradient(batch);
    }
}
