package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.math.ActivationFunction;
import org.teleport4j.ops.math.DenseNetView;
import org.teleport4j.ops.math.ForwardPass;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.TeleportSample;
import org.teleport4j.ops.model.HiddenActivation;
import org.teleport4j.ops.teleport.ObjectiveEvaluation;
import org.teleport4j.ops.teleport.TeleportObjective;

/**
 * The largest Hessian eigenvalue lambda_max(w) of the mean sample loss as a teleport objective (lowered, to reach
 * flatter points of the orbit). Value by {@link Lanczos} (seeded start, so F is a deterministic function of w).
 *
 * <p>Gradient: for a simple eigenvalue with unit eigenvector v, grad lambda = grad_w (v^T H(w) v) with v held
 * fixed, the contraction D^3 L(w)[v, v, .] of the third derivative. By the symmetry of D^3 L this equals the
 * directional derivative of the HVP along v itself, d/dr H(w + r v) v at r = 0, which is computed by one central
 * difference along v: (H(w + h v) v - H(w - h v) v) / 2h -- two exact HVPs, O(h^2) truncation, no per-coordinate
 * differences. For piecewise-linear activations the wanted derivative is that of the current activation pattern;
 * when the sample's features are in memory, a step whose +-h v points change any activation sign is shrunk
 * (by 10, up to 4 times) so that no kink lies inside the difference. A distributed sample cannot be checked:
 * there h must simply be small (the default 1e-6 along a unit v).
 *
 * <p>An unconverged Lanczos run gives value NaN (a Ritz value only bounds lambda_max from below), so the teleport
 * rejects that point rather than trust it; raise the iteration limit if that happens.
 */
public final class TopEigenvalue implements TeleportObjective {
    public static final double DEFAULT_TOLERANCE = 1e-8;
    public static final int DEFAULT_MAX_ITERATIONS = 200;
    public static final double DEFAULT_STEP = 1e-6;

    private final LanczosSettings lanczos;
    private final double step;

    /**
     * @param tolerance     Lanczos relative residual tolerance
     * @param maxIterations Lanczos product limit
     * @param seed          Lanczos start vector seed
     * @param step          central-difference step h along the unit eigenvector
     */
    public TopEigenvalue(double tolerance, int maxIterations, long seed, double step) {
        if (!(step > 0) || Double.isInfinite(step)) throw new IllegalArgumentException("difference step must be positive, got " + step);
        this.lanczos = new LanczosSettings(1, EigenvalueOrder.LARGEST, tolerance, maxIterations, seed);
        this.step = step;
    }

    public static TopEigenvalue withDefaults(long seed) {
        return new TopEigenvalue(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, seed, DEFAULT_STEP);
    }

    @Override
    public String name() {
        return "top-hessian-eigenvalue";
    }

    /** lambda_max and its eigenvector at w. */
    public LanczosResult eigenpair(NetArchitecture arch, INDArray params, TeleportSample sample) {
        return Lanczos.run(new HessianOperator(arch, params, sample), lanczos);
    }

    @Override
    public ObjectiveEvaluation evaluate(NetArchitecture arch, INDArray params, TeleportSample sample) {
        LanczosResult r = eigenpair(arch, params, sample);
        return new ObjectiveEvaluation(r.converged() ? r.first() : Double.NaN, sample.meanLoss(arch, params), null);
    }

    @Override
    public ObjectiveEvaluation evaluateWithGradient(NetArchitecture arch, INDArray params, TeleportSample sample) {
        LanczosResult r = eigenpair(arch, params, sample);
        double loss = sample.meanLoss(arch, params);
        INDArray gradient = eigenvalueGradient(arch, params, sample, r.firstVector());
        return new ObjectiveEvaluation(r.converged() ? r.first() : Double.NaN, loss, gradient);
    }

    /** grad_w (v^T H(w) v) for a fixed unit v: (H(w + h v) v - H(w - h v) v) / 2h, h shrunk past activation kinks. */
    public INDArray eigenvalueGradient(NetArchitecture arch, INDArray params, TeleportSample sample, INDArray v) {
        INDArray w = params.castTo(DataType.DOUBLE).reshape(1, arch.parameterCount());
        INDArray u = v.castTo(DataType.DOUBLE).reshape(1, arch.parameterCount());
        double h = step;
        for (int shrink = 0; shrink < 4 && crossesKink(arch, w, u, h, sample.features()); shrink++) h /= 10;
        INDArray plus = sample.sums(arch, w.add(u.mul(h)), u).meanHvp();
        INDArray minus = sample.sums(arch, w.sub(u.mul(h)), u).meanHvp();
        return plus.subi(minus).divi(2 * h);
    }

    /** Whether some pre-activation of a piecewise-linear hidden layer changes sign between w - h v and w + h v. */
    private static boolean crossesKink(NetArchitecture arch, INDArray w, INDArray v, double h, INDArray features) {
        ActivationFunction act = arch.activation();
        if (features == null || act.hasCurvature() || act.kind() == HiddenActivation.IDENTITY) return false;
        ForwardPass a = new DenseNetView(arch, w.add(v.mul(h))).forward(features);
        ForwardPass b = new DenseNetView(arch, w.sub(v.mul(h))).forward(features);
        for (int m = 0; m < arch.hiddenLayerCount(); m++) {
            INDArray za = a.preActivations().get(m), zb = b.preActivations().get(m);
            if (za.gt(0.0).neq(zb.gt(0.0)).any()) return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return name() + "(tol " + lanczos.tolerance() + ", h " + step + ")";
    }
}
