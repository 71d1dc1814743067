package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.symmetry.GroupAction;
import org.teleport4j.ops.symmetry.Tangent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * d F(apply(w, T)) / dT at T = 0 by central differences in each scalar group parameter: for objectives without a
 * weight gradient, on groups with few parameters (a scalar t per layer for {@link OrbitCurveGroup}, k per layer
 * for positive scaling). Two objective evaluations per parameter.
 */
public final class GroupFiniteDifferences {
    private GroupFiniteDifferences() {
    }

    public static Tangent gradient(GroupAction group, ToDoubleFunction<INDArray> objective, INDArray params, INDArray features, double step) {
        if (!(step > 0)) throw new IllegalArgumentException("difference step must be positive, got " + step);
        Tangent zero = group.identity();
        List<INDArray> blocks = new ArrayList<>();
        for (int m = 0; m < zero.size(); m++) {
            INDArray grad = zero.block(m).ulike().assign(0.0);
            for (long i = 0; i < grad.length(); i++) {
                double plus = objective.applyAsDouble(group.apply(params, nudged(zero, m, i, step), features));
                double minus = objective.applyAsDouble(group.apply(params, nudged(zero, m, i, -step), features));
                grad.putScalar(i, (plus - minus) / (2 * step));
            }
            blocks.add(grad);
        }
        return new Tangent(blocks);
    }

    /** The zero tangent with entry i of block m set to h. */
    private static Tangent nudged(Tangent zero, int m, long i, double h) {
        List<INDArray> blocks = new ArrayList<>(zero.blocks());
        INDArray b = zero.block(m).dup();
        b.putScalar(i, h);
        blocks.set(m, b);
        return new Tangent(blocks);
    }
}
