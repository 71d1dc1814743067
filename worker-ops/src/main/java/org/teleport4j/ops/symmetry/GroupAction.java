package org.teleport4j.ops.symmetry;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.ops.math.NetArchitecture;

import java.util.ArrayList;
import java.util.List;

/**
 * A group acting on a dense network's parameters, one group element per hidden layer, applied to the
 * hidden layers sequentially (m = 0, 1, ...; layer m's element changes W_m, b_m and W_{m+1}).
 * Parameters are flat DL4J vectors [1, N]; elements and pull-backs are {@link Tangent}s.
 *
 * <p>Data-dependent actions (the paper's Form A and Form B) need the teleport batch's features; exact
 * ones ignore them (null is fine).
 */
public interface GroupAction {

    String name();

    NetArchitecture architecture();

    /** True when the action is data-independent and preserves the loss (and the output) on all inputs. */
    boolean isExact();

    /** Shape of the Lie-algebra block of hidden layer m. */
    long[] blockShape(int hiddenLayer);

    /** The zero tangent (the identity element). */
    default Tangent identity() {
        List<INDArray> blocks = new ArrayList<>();
        for (int m = 0; m < architecture().hiddenLayerCount(); m++) blocks.add(Nd4j.zeros(DataType.DOUBLE, blockShape(m)));
        return new Tangent(blocks);
    }

    /**
     * The parameters moved by the group element of {@code element} (exp(s) or I + T): a new flat vector.
     * Every action is the identity at the zero element, apply(w, identity()) = w, in every regime.
     */
    INDArray apply(INDArray params, Tangent element, INDArray features);

    /**
     * The pull-back of an objective's parameter gradient C = grad_w F to the group at the identity:
     * d F(apply(w, T)) / dT at T = 0, given C at w: the ascent direction on the group.
     */
    Tangent pullBack(INDArray params, INDArray objectiveGradient, INDArray features);
}
