package org.teleport4j.ops.math;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The output transform and loss on top of the last dense layer. All quantities are SUMS over the rows
 * (samples) of the batch; {@link DenseNetView} divides by the batch size to get means. Sums are what
 * a distributed reduction adds up across partitions.
 */
public enum Loss {
    /**
     * Softmax followed by cross-entropy, -sum_j y_j log p_j per sample (DL4J's MCXENT with a SOFTMAX
     * output). Labels are one-hot rows (soft labels also work: the formulas below do not assume rows sum to 1).
     */
    SOFTMAX_CROSS_ENTROPY {
        @Override
        public INDArray output(INDArray z) {
            return Transforms.softmax(z, true);
        }

        @Override
        public double lossSum(INDArray z, INDArray output, INDArray labels) {
            // -sum_ij y_ij (z_ij - lse_i) = sum_i s_i lse_i - sum_ij y_ij z_ij, with s_i = sum_j y_ij.
            // log-sum-exp with the row max subtracted so that large logits do not overflow.
            INDArray rowMax = z.max(1).reshape(z.rows(), 1);
            INDArray lse = Transforms.log(Transforms.exp(z.subColumnVector(rowMax), false).sum(1), false)
                    .reshape(z.rows(), 1).addi(rowMax);
            INDArray rowMass = labels.sum(1).reshape(z.rows(), 1);
            return lse.mul(rowMass).sumNumber().doubleValue() - labels.mul(z).sumNumber().doubleValue();
        }

        @Override
        public INDArray outputDelta(INDArray output, INDArray labels) {
            // d/dz of the per-sample loss: s_i p_i - y_i (= p - y for one-hot rows).
            INDArray rowMass = labels.sum(1).reshape(labels.rows(), 1);
            return output.mulColumnVector(rowMass).subi(labels);
        }

        @Override
        public INDArray outputDeltaDirectional(INDArray output, INDArray labels, INDArray rz) {
            // R{s p} = s (p * rz - p * <p, rz>): the softmax Jacobian applied to the directional logits.
            INDArray rowMass = labels.sum(1).reshape(labels.rows(), 1);
            INDArray prz = output.mul(rz);
            INDArray inner = prz.sum(1).reshape(output.rows(), 1);
            return prz.subi(output.mulColumnVector(inner)).muliColumnVector(rowMass);
        }
    },

    /** Identity output, per-sample loss 0.5 ||z - y||^2 (the predecessor paper's regression loss, per sample). */
    SQUARED_ERROR {
        @Override
        public INDArray output(INDArray z) {
            return z;
        }

        @Override
        public double lossSum(INDArray z, INDArray output, INDArray labels) {
            INDArray r = z.sub(labels);
            return 0.5 * r.mul(r).sumNumber().doubleValue();
        }

        @Override
        public INDArray outputDelta(INDArray output, INDArray labels) {
            return output.sub(labels);
        }

        @Override
        public INDArray outputDeltaDirectional(INDArray output, INDArray labels, INDArray rz) {
            return rz.dup();
        }
    };

    /** The network output given the last layer's pre-activation z [n, out]. May return z itself (identity). */
    public abstract INDArray output(INDArray z);

    /** The loss summed over the rows of the batch. */
    public abstract double lossSum(INDArray z, INDArray output, INDArray labels);

    /** d(loss sum)/dz, [n, out]: the error signal entering backpropagation at the last layer. */
    public abstract INDArray outputDelta(INDArray output, INDArray labels);

    /** The R-operator of {@link #outputDelta}: its directional derivative when z moves by rz. */
    public abstract INDArray outputDeltaDirectional(INDArray output, INDArray labels, INDArray rz);
}
