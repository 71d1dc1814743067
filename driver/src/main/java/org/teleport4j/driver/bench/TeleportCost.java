package org.teleport4j.driver.bench;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.model.OptimizerKind;
import org.teleport4j.ops.symmetry.FormA;
import org.teleport4j.ops.symmetry.PositiveScaling;
import org.teleport4j.ops.teleport.GradientNormSquared;
import org.teleport4j.ops.teleport.TeleportSettings;
import org.teleport4j.ops.teleport.Teleporter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Item c, first half: one teleport at the paper's settings (objective ||grad L||^2, ascent, `steps` group steps on a
 * batch of `sampleSize` training images, double) per group, against one training epoch of 50,000 images
 * (MultiLayerNetwork.fit, batch 20, float; timed on {@code epochData} and scaled), interleaved round by round.
 */
public final class TeleportCost {
    /** Per group: median seconds of one teleport and steps accepted; and the epoch's seconds. */
    public record Result(List<String> groups, double[] seconds, long[] accepted, double epochSeconds) {
    }

    public static final int EPOCH_EXAMPLES = 50_000;

    private TeleportCost() {
    }

    public static Result measure(MlpSpec spec, OptimizerKind opt, double lr, long seed, INDArray params, ExampleSet teleportData,
                                 ExampleSet epochData, List<String> groups, int steps, double stepSize, int reps) {
        NetArchitecture arch = NetArchitecture.classifier(spec);
        INDArray w = params.castTo(DataType.DOUBLE).reshape(1, params.length()).dup();
        Batch batch = Batch.of(teleportData.toDataSet(DataType.DOUBLE));
        List<Supplier<?>> calls = new ArrayList<>();
        long[] accepted = new long[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            Teleporter t = groups.get(g).equals("scaling")
                    ? new Teleporter(new PositiveScaling(arch), new GradientNormSquared(), TeleportSettings.forExactGroup(steps, stepSize))
                    // every step timed, whatever the data-dependent action's loss drift
                    : new Teleporter(new FormA(arch), new GradientNormSquared(), TeleportSettings.forDataDependentGroup(steps, stepSize)
                    .withLossTolerance(1.0));
            int gi = g;
            calls.add(() -> accepted[gi] = t.teleport(w, batch).acceptedSteps());
        }
        MultiLayerNetwork net = spec.newNetwork(opt.updater(lr), seed, DataType.FLOAT);
        calls.add(() -> AveragingOverhead.fitSeconds(net, epochData, 20, 1, DataType.FLOAT));
        double[] med = Timing.medians(Timing.interleaved(calls, 1, reps));
        double[] seconds = new double[groups.size()];
        System.arraycopy(med, 0, seconds, 0, groups.size());
        return new Result(groups, seconds, accepted, med[groups.size()] * EPOCH_EXAMPLES / epochData.size());
    }
}
