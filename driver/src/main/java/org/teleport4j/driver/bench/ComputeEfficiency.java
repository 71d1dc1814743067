package org.teleport4j.driver.bench;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.model.OptimizerKind;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Item b: FLOP rate achieved by training (MultiLayerNetwork.fit, float, counted by {@link FlopCount}) over
 * the rate of ND4J gemm on exactly the products of one training step (per layer: forward H W, weight
 * gradient H^T dZ, input gradient dZ W^T), timed interleaved in the same JVM with the same thread settings.
 */
public final class ComputeEfficiency {
    /** GFLOP/s of training and of the bare gemms, at one batch size. */
    public record Result(int batch, double trainGflops, double gemmGflops, double stepMillis, double gemmMillis, double peakGemmGflops) {
        public double ratio() {
            return trainGflops / gemmGflops;
        }
    }

    private ComputeEfficiency() {
    }

    public static Result measure(MlpSpec spec, OptimizerKind opt, double lr, long seed, ExampleSet data, int batch, int reps) {
        int steps = Math.max(1, data.size() / batch);
        ExampleSet train = data.head(steps * batch);
        MultiLayerNetwork net = spec.newNetwork(opt.updater(lr), seed, DataType.FLOAT);
        int[] w = spec.widths();
        List<INDArray[]> layers = new ArrayList<>();
        for (int m = 0; m + 1 < w.length; m++) {
            layers.add(new INDArray[]{
                    Nd4j.rand(DataType.FLOAT, batch, w[m]), Nd4j.rand(DataType.FLOAT, w[m], w[m + 1]),      // H, W
                    Nd4j.rand(DataType.FLOAT, batch, w[m + 1]),                                          // dZ
                    Nd4j.create(DataType.FLOAT, batch, w[m + 1]), Nd4j.create(DataType.FLOAT, w[m], w[m + 1]),
                    Nd4j.create(DataType.FLOAT, batch, w[m])});                                          // Z, dW, dH
        }
        int big = 1024;
        INDArray bigA = Nd4j.rand(DataType.FLOAT, big, big), bigB = Nd4j.rand(DataType.FLOAT, big, big), bigC = Nd4j.create(DataType.FLOAT, big, big);
        List<Supplier<?>> calls = List.of(
                () -> AveragingOverhead.fitSeconds(net, train, batch, 1, DataType.FLOAT),
                () -> {
                    for (int s = 0; s < steps; s++)
                        for (INDArray[] a : layers) {
                            Nd4j.gemm(a[0], a[1], a[3], false, false, 1.0, 0.0);
                            Nd4j.gemm(a[0], a[2], a[4], true, false, 1.0, 0.0);
                            Nd4j.gemm(a[2], a[1], a[5], false, true, 1.0, 0.0);
                        }
                    return null;
                },
                () -> Nd4j.gemm(bigA, bigB, bigC, false, false, 1.0, 0.0));   // a large square gemm: the BLAS's best rate here
        double[] med = Timing.medians(Timing.interleaved(calls, 1, reps));
        double flops = (double) FlopCount.trainingStep(w, batch) * steps;
        return new Result(batch, flops / med[0] / 1e9, flops / med[1] / 1e9, 1e3 * med[0] / steps, 1e3 * med[1] / steps,
                2.0 * big * big * big / med[2] / 1e9);
    }
}
