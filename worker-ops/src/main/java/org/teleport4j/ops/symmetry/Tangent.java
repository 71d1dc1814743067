package org.teleport4j.ops.symmetry;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * A point of a group's Lie algebra, one block per hidden layer: s_m [1, k_m] for positive scaling
 * (g = diag(exp s)), T_m [k_m, k_m] for the GL(k)-type actions (g = I + T). Also the type of a pull-back
 * (the gradient of an objective with respect to these blocks). Immutable: operations return new tangents.
 *
 * @param blocks one block per hidden layer
 */
public record Tangent(List<INDArray> blocks) {

    public Tangent {
        blocks = List.copyOf(blocks);
    }

    public INDArray block(int m) {
        return blocks.get(m);
    }

    public int size() {
        return blocks.size();
    }

    public Tangent times(double c) {
        List<INDArray> out = new ArrayList<>(blocks.size());
        for (INDArray b : blocks) out.add(b.mul(c));
        return new Tangent(out);
    }

    public Tangent plus(Tangent other) {
        List<INDArray> out = new ArrayList<>(blocks.size());
        for (int m = 0; m < blocks.size(); m++) out.add(blocks.get(m).add(other.blocks.get(m)));
        return new Tangent(out);
    }

    public double dot(Tangent other) {
        double s = 0;
        for (int m = 0; m < blocks.size(); m++) s += blocks.get(m).mul(other.blocks.get(m)).sumNumber().doubleValue();
        return s;
    }

    /** Frobenius norm over all blocks. */
    public double norm() {
        return Math.sqrt(dot(this));
    }
}
