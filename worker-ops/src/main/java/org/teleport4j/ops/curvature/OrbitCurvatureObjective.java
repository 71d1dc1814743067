package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.TeleportSample;
import org.teleport4j.ops.symmetry.GroupAction;
import org.teleport4j.ops.symmetry.Tangent;
import org.teleport4j.ops.teleport.ObjectiveEvaluation;
import org.teleport4j.ops.teleport.TeleportObjective;

/**
 * The paper's curvature teleport (experiment 3): F(w) = kappa of the Form B orbit curve s -> exp(s M) . w at s = 0,
 * for fixed generators M (the paper: one random M on hidden layer 1, a fresh M per teleport call -- make a new
 * objective per call with a new seed), on the sample's batch (it needs the features in memory). Raised, it moves to
 * minima of higher curvature.
 *
 * <p>kappa has no cheap weight gradient (it runs through a pseudo-inverse), and the paper's step is on the scalar t
 * of g = exp(t M) anyway: {@link #groupGradient} returns dF/dt by a central difference in t, kappa at
 * exp(+-h M) . w ({@link GroupFiniteDifferences}), for the {@link OrbitCurveGroup} of the same generators (any group
 * with few parameters works). {@link #evaluateWithGradient} therefore returns no weight gradient.
 */
public final class OrbitCurvatureObjective implements TeleportObjective {
    public static final double DEFAULT_STEP = 1e-4;

    private final Tangent generators;
    private final double step;

    /**
     * @param generators M_m per hidden layer (zero blocks: layer not used)
     * @param step       central-difference step in the group parameters
     */
    public OrbitCurvatureObjective(Tangent generators, double step) {
        if (!(step > 0) || Double.isInfinite(step)) throw new IllegalArgumentException("difference step must be positive, got " + step);
        this.generators = generators;
        this.step = step;
    }

    /** The paper's choice: one random M (U[0,1), Frobenius norm 1) on hidden layer 1 (layer 0 for a single hidden layer). */
    public static OrbitCurvatureObjective paper(NetArchitecture arch, long seed) {
        int layer = Math.min(1, arch.hiddenLayerCount() - 1);
        return new OrbitCurvatureObjective(OrbitCurvature.randomGenerators(arch, seed, layer), DEFAULT_STEP);
    }

    public Tangent generators() {
        return generators;
    }

    /** The group whose scalar t_m this objective's curves follow. */
    public OrbitCurveGroup group(NetArchitecture arch) {
        return new OrbitCurveGroup(arch, generators);
    }

    @Override
    public String name() {
        return "orbit-curvature-kappa";
    }

    /** kappa at w on the sample's features. */
    public double kappa(NetArchitecture arch, INDArray params, TeleportSample sample) {
        return OrbitCurvature.kappa(arch, params, requireFeatures(sample), generators);
    }

    @Override
    public ObjectiveEvaluation evaluate(NetArchitecture arch, INDArray params, TeleportSample sample) {
        return new ObjectiveEvaluation(kappa(arch, params, sample), sample.meanLoss(arch, params), null);
    }

    /** No weight gradient (see the class comment): the teleport uses {@link #groupGradient}. */
    @Override
    public ObjectiveEvaluation evaluateWithGradient(NetArchitecture arch, INDArray params, TeleportSample sample) {
        return evaluate(arch, params, sample);
    }

    @Override
    public Tangent groupGradient(GroupAction group, NetArchitecture arch, INDArray params, TeleportSample sample, ObjectiveEvaluation here) {
        INDArray features = requireFeatures(sample);
        return GroupFiniteDifferences.gradient(group, w -> OrbitCurvature.kappa(arch, w, features, generators), params,
                group.isExact() ? null : features, step);
    }

    private static INDArray requireFeatures(TeleportSample sample) {
        INDArray f = sample.features();
        if (f == null) throw new IllegalArgumentException("the orbit curvature needs the batch's features in memory (Form B is data-dependent)");
        return f;
    }

    @Override
    public String toString() {
        return name() + "(h " + step + ")";
    }
}
