package org.teleport4j.ops.optim;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.ops.model.HiddenActivation;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.model.OptimizerKind;

import static org.junit.jupiter.api.Assertions.*;

/** The per-parameter layout of DL4J's updater state, checked before transforming it in place. */
class UpdaterStatesTest {

    static MultiLayerNetwork trained(OptimizerKind kind, boolean biases) {
        MlpSpec spec = new MlpSpec(new int[]{5, 4, 3, 3}, HiddenActivation.LEAKY_RELU, 0.1, biases);
        MultiLayerNetwork net = spec.newNetwork(kind.updater(0.01), 7, DataType.DOUBLE);
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 5);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 8, 3);
        for (int i = 0; i < 8; i++) y.putScalar(i, i % 3, 1.0);
        for (int i = 0; i < 3; i++) net.fit(new DataSet(x, y));
        return net;
    }

    static int statesPerParameter(OptimizerKind kind) {
        return switch (kind) {
            case SGD -> 0;
            case MOMENTUM, ADAGRAD, RMSPROP -> 1;
            case ADAM -> 2;
        };
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void transportDividesFirstMomentsByCAndSecondMomentsByCSquared(OptimizerKind kind) {
        for (boolean biases : new boolean[]{false, true}) {
            MultiLayerNetwork net = trained(kind, biases);
            long n = net.numParams();
            INDArray before = net.getUpdater().getStateViewArray() == null ? null : net.getUpdater().getStateViewArray().dup();
            assertEquals(statesPerParameter(kind) * n, before == null ? 0 : before.length(), "state entries per parameter");
            if (before == null) continue;
            assertTrue(before.amaxNumber().doubleValue() > 0, "state was accumulated");

            INDArray c = Nd4j.rand(DataType.DOUBLE, 1, n).muli(3).addi(0.25);
            UpdaterStates.apply(net, StatePolicy.TRANSPORT, c);
            INDArray after = net.getUpdater().getStateViewArray();
            // With one updater config for the whole net DL4J makes one block: the state is [first moment | second moment].
            INDArray inv = c.rdiv(1.0).reshape(n);
            if (kind == OptimizerKind.ADAM) {
                double[] b = before.reshape(2 * n).toDoubleVector(), a = after.reshape(2 * n).toDoubleVector(), k = inv.toDoubleVector();
                for (int i = 0; i < n; i++) {
                    assertEquals(b[i] * k[i], a[i], 1e-15, "first moment " + i);
                    assertEquals(b[(int) n + i] * k[i] * k[i], a[(int) n + i], 1e-15, "second moment " + i);
                }
            } else {
                INDArray expected = kind == OptimizerKind.MOMENTUM ? before.reshape(n).mul(inv) : before.reshape(n).mul(inv).mul(inv);
                assertArrayEquals(expected.toDoubleVector(), after.reshape(n).toDoubleVector(), 1e-15);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void resetZeroesStateAndStepCountKeepLeavesThem(OptimizerKind kind) {
        MultiLayerNetwork net = trained(kind, false);
        INDArray state = net.getUpdater().getStateViewArray();
        INDArray copy = state == null ? null : state.dup();
        UpdaterStates.apply(net, StatePolicy.KEEP, null);
        if (copy != null) assertEquals(copy, net.getUpdater().getStateViewArray());
        assertEquals(3, net.getIterationCount());
        UpdaterStates.apply(net, StatePolicy.RESET, null);
        if (copy != null) assertEquals(0.0, net.getUpdater().getStateViewArray().amaxNumber().doubleValue());
        assertEquals(0, net.getIterationCount());
    }
}
