package org.teleport4j.driver.teleport;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.driver.config.TeleportConfig;
import org.teleport4j.ops.math.BatchSums;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.meta.LearnedTeleportPolicy;
import org.teleport4j.ops.symmetry.FormB;
import org.teleport4j.ops.symmetry.Tangent;
import org.teleport4j.ops.math.TeleportSample;
import org.teleport4j.ops.optim.StatePolicy;
import org.teleport4j.ops.optim.UpdaterStates;
import org.teleport4j.ops.symmetry.GroupAction;
import org.teleport4j.ops.curvature.RandomDraws;
import org.teleport4j.ops.teleport.RandomDirectionControl;
import org.teleport4j.ops.teleport.TeleportResult;
import org.teleport4j.ops.teleport.Teleporter;

import java.io.Serializable;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * One teleport of a DL4J network in place: the weights move along the orbit (worker-ops' {@link Teleporter},
 * in double precision), then the optimizer-state policy is applied. In the reset-only control mode only
 * the state policy is applied. Shared by Spark training (between averaging rounds) and by the trials that
 * train one model on one machine.
 */
public final class NetworkTeleport implements Serializable {
    private final TeleportConfig t;
    private final NetArchitecture arch;
    private final double learningRate;
    /** Built once when the objective draws nothing at random; else per teleport call from the call's seed. */
    private transient Teleporter fixedTeleporter;
    /** objective = learned: the trained LSTM and its state, which carries over from one teleport to the next. */
    private transient LearnedTeleportPolicy policy;

    public NetworkTeleport(TeleportConfig t, NetArchitecture arch, double learningRate) {
        this.t = t;
        this.arch = arch;
        this.learningRate = learningRate;
    }

    public TeleportConfig config() {
        return t;
    }

    public boolean exactGroup() {
        return t.group().exact();
    }

    /**
     * Teleports {@code net} in place; the sample is drawn only when the weights move.
     *
     * @param drawSeed the seed the sample was drawn with; the objective's and the random control's draws derive
     *                 from it, so a resumed run repeats them
     */
    public TeleportLog.Entry apply(MultiLayerNetwork net, Supplier<TeleportSample> sample, long drawSeed, int epoch, int round, long globalRound) {
        long t0 = System.nanoTime();
        if (t.mode() == TeleportConfig.Mode.RESET_ONLY) {
            // The control: the same state policy at the same steps, the weights untouched (transport by the identity = keep).
            StatePolicy policy = t.state() == StatePolicy.TRANSPORT ? StatePolicy.KEEP : t.state();
            UpdaterStates.apply(net, policy, null);
            return new TeleportLog.Entry(epoch, round, globalRound, "reset-only", "none", "none", Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, 0, 0, 0, "none", name(policy), seconds(t0));
        }
        if (t.learned()) return applyLearned(net, sample, epoch, round, globalRound, t0);
        Teleporter teleporter = teleporter(drawSeed);
        GroupAction group = teleporter.group();
        INDArray w = net.params().castTo(DataType.DOUBLE).dup();
        TeleportSample s = sample.get();
        // A sample without features in memory is spread over the executors (exact groups only).
        String sampleOn = s.features() == null ? "executors" : "driver";
        TeleportResult r;
        try {
            r = teleporter.teleport(w, s);
            if (t.mode() == TeleportConfig.Mode.RANDOM)
                r = RandomDirectionControl.matching(group, teleporter.objective(), r, w, s, RandomDraws.derive(drawSeed, 2));
        } finally {
            if (s instanceof AutoCloseable c) closeQuietly(c);
        }
        net.setParams(r.params().castTo(net.params().dataType()));
        // The factor each weight was multiplied by: the diagonal scaling element applied to a vector of ones.
        INDArray factors = t.state() == StatePolicy.TRANSPORT
                ? group.apply(Nd4j.ones(DataType.DOUBLE, 1, arch.parameterCount()), r.element(), null) : null;
        UpdaterStates.apply(net, t.state(), factors);
        return new TeleportLog.Entry(epoch, round, globalRound, t.mode() == TeleportConfig.Mode.RANDOM ? "random" : "teleport", r.group(), r.objective(), r.objectiveStart(),
                r.objectiveEnd(), r.lossStart(), r.lossEnd(), r.acceptedSteps(), r.steps().size(), t.sampleSize(), sampleOn, name(t.state()),
                seconds(t0));
    }

    private Teleporter teleporter(long drawSeed) {
        if (t.objective().seeded()) return TeleportComponents.teleporter(t, arch, learningRate, RandomDraws.derive(drawSeed, 1));
        if (fixedTeleporter == null) fixedTeleporter = TeleportComponents.teleporter(t, arch, learningRate, 0);
        return fixedTeleporter;
    }

    /**
     * One teleport chosen by a trained meta-optimiser (teleport.objective = learned): the policy reads the sample
     * gradient of its layer pair and returns T; Form B applies it once. Rejected (weights kept) when the sample loss
     * drifts by more than the tolerance or anything is non-finite. The objective columns log ||grad L||^2 on the
     * sample before and after, to show what the policy did to the gradient.
     */
    private TeleportLog.Entry applyLearned(MultiLayerNetwork net, Supplier<TeleportSample> sample, int epoch, int round, long globalRound, long t0) {
        if (policy == null) policy = LearnedPolicyFile.policy(t, arch);
        GroupAction group = new FormB(arch);
        INDArray w = net.params().castTo(DataType.DOUBLE).dup();
        TeleportSample s = sample.get();
        try {
            BatchSums before = s.sums(arch, w, null);
            INDArray g = before.meanGradient();
            Tangent element = policy.next(w, g);
            INDArray moved = group.apply(w, element, s.features());
            BatchSums after = s.sums(arch, moved, null);
            double lossBefore = before.meanLoss(), lossAfter = after.meanLoss();
            double drift = Math.abs(lossAfter - lossBefore) / Math.max(Math.abs(lossBefore), Double.MIN_NORMAL);
            // A sum is finite only if every entry is.
            boolean accept = Double.isFinite(lossAfter) && Double.isFinite(moved.sumNumber().doubleValue()) && drift <= t.lossTolerance();
            if (accept) net.setParams(moved.castTo(net.params().dataType()));
            UpdaterStates.apply(net, t.state(), null);
            double gBefore = squaredNorm(g), gAfter = squaredNorm(after.meanGradient());
            return new TeleportLog.Entry(epoch, round, globalRound, "teleport", group.name(), "learned", gBefore, accept ? gAfter : gBefore,
                    lossBefore, accept ? lossAfter : lossBefore, accept ? 1 : 0, 1, t.sampleSize(), "driver", name(t.state()), seconds(t0));
        } finally {
            if (s instanceof AutoCloseable c) closeQuietly(c);
        }
    }

    private static double squaredNorm(INDArray v) {
        double n = v.norm2Number().doubleValue();
        return n * n;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot release the teleport sample", e);
        }
    }

    private static String name(StatePolicy p) {
        return p.name().toLowerCase(Locale.ROOT);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
