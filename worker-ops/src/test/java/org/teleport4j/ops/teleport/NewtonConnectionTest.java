package org.teleport4j.ops.teleport;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.DenseNetView;
import org.teleport4j.ops.math.GradientAndHvp;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.PseudoInverse;
import org.teleport4j.ops.model.HiddenActivation;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.symmetry.LinearGroup;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.teleport4j.ops.testutil.TestData.angleDegrees;
import static org.teleport4j.ops.testutil.TestData.gaussian;
import static org.teleport4j.ops.testutil.TestData.relErr;

/**
 * The paper's Newton connection (Section 3): at a critical point of ||grad L||^2 on a level set that the
 * group covers, the Lagrange condition grad ||grad L||^2 = 2 H grad L = mu grad L makes grad L an
 * eigenvector of H, and the gradient step with step 1/lambda is the Newton step H^+ grad L.
 *
 * <p>The case: a two-layer linear network x -> x V U with one input, one output and k = 3 hidden units,
 * squared error. L depends on w only through p = V U, and GL(3) acts transitively on {(V, U): V U = p}
 * (p != 0), i.e. on each component of a level set. There ||grad L||^2 = l'(p)^2 (||V||^2 + ||U||^2): its
 * supremum over the orbit is not attained (scale V up, U down), and its only critical point is the
 * balanced minimiser V = +/- U^T. So the teleport that reaches the critical point is a DESCENT of
 * ||grad L||^2; the ascent (which the paper runs) has no maximiser to reach and is shown as an
 * observation. (Every group with a maximiser here would be compact, and compact subgroups of GL(k)
 * leave ||V||^2 + ||U||^2 constant: no such case exists in this network.) Along the ascent the angle
 * also shrinks: H g = l'' l' ||J||^2 J + l'^2 w with J = grad p, and the first term outgrows the second
 * as ||V|| grows, so g is an eigenvector only in the limit at infinity.
 */
class NewtonConnectionTest {

    private static final NetArchitecture ARCH = NetArchitecture.regression(new MlpSpec(new int[]{1, 3, 1}, HiddenActivation.IDENTITY, 0, false));

    private static Batch data() {
        Random rnd = new Random(17);
        INDArray x = gaussian(rnd, 10, 1, 1.0);
        INDArray y = x.mul(2.0).addi(gaussian(rnd, 10, 1, 0.3));
        return new Batch(x, y);
    }

    /** The full Hessian, column by column from exact HVPs (6 parameters). */
    private static INDArray hessian(DenseNetView net, Batch b) {
        int n = (int) ARCH.parameterCount();
        INDArray h = Nd4j.zeros(DataType.DOUBLE, n, n);
        for (int i = 0; i < n; i++) {
            INDArray e = Nd4j.zeros(DataType.DOUBLE, 1, n);
            e.putScalar(i, 1.0);
            h.putRow(i, net.hessianVectorProduct(b, e).reshape(n));
        }
        return h;
    }

    /** || g / lambda - H^+ g || / || H^+ g || with lambda = g.Hg / g.g: zero iff g is an eigenvector. */
    private static double newtonGap(DenseNetView net, Batch b) {
        GradientAndHvp ghg = net.gradientAndHessianGradient(b);
        INDArray g = ghg.gradient();
        double lambda = g.mul(ghg.hessianGradient()).sumNumber().doubleValue() / g.mul(g).sumNumber().doubleValue();
        INDArray newton = PseudoInverse.of(hessian(net, b)).matrix().mmul(g.reshape(g.length(), 1)).reshape(1, g.length());
        return relErr(g.div(lambda), newton);
    }

    @Test
    void teleportingToTheCriticalPointOfTheGradientNormMakesTheGradientAHessianEigenvector() {
        Batch b = data();
        INDArray w0 = gaussian(new Random(5), 1, ARCH.parameterCount(), 1.0);
        DenseNetView before = new DenseNetView(ARCH, w0);
        GradientAndHvp g0 = before.gradientAndHessianGradient(b);
        double f0 = g0.gradient().norm2Number().doubleValue();
        f0 *= f0;
        double angleBefore = angleDegrees(g0.hessianGradient(), g0.gradient());
        double gapBefore = newtonGap(before, b);

        // step ~ 0.1 / F: the descent on l'^2 (||V||^2 + ||U||^2) then contracts without overshooting
        TeleportSettings s = TeleportSettings.forExactGroup(400, 0.1 / f0).withDirection(TeleportDirection.DESCENT);
        TeleportResult r = new Teleporter(new LinearGroup(ARCH), new GradientNormSquared(), s).teleport(w0, b);
        DenseNetView after = new DenseNetView(ARCH, r.params());
        GradientAndHvp g1 = after.gradientAndHessianGradient(b);
        double angleAfter = angleDegrees(g1.hessianGradient(), g1.gradient());
        double gapAfter = newtonGap(after, b);

        System.out.printf("NEWTON linear 1-3-1 net under GL(3), descent of ||grad L||^2 to its orbit critical point (%d/%d steps accepted):%n"
                        + "  ||grad L||^2 %.6e -> %.6e, loss %.15e -> %.15e (rel drift %.1e)%n"
                        + "  angle(H g, g) %.4f deg -> %.3e deg; Newton gap |g/lambda - H^+ g|/|H^+ g| %.3e -> %.3e%n",
                r.acceptedSteps(), r.steps().size(), r.objectiveStart(), r.objectiveEnd(), r.lossStart(), r.lossEnd(), r.relativeLossDrift(),
                angleBefore, angleAfter, gapBefore, gapAfter);
        assertEquals(400, r.acceptedSteps());
        assertTrue(r.relativeLossDrift() < 1e-9);
        assertTrue(angleBefore > 5, "the start must not already be an eigen-direction: " + angleBefore);
        assertTrue(angleAfter < 1e-4, "angle after " + angleAfter);
        assertTrue(gapBefore > 0.1 && gapAfter < 1e-6, "Newton gap " + gapBefore + " -> " + gapAfter);

        // the balanced point: V = +/- U^T (up to sign per unit)
        var p = org.teleport4j.ops.math.ParamBlocks.split(ARCH, r.params());
        INDArray v = p.weight(0).reshape(3), u = p.weight(1).reshape(3);
        // V^T V = U U^T (the orbit gradient of ||V||^2 + ||U||^2 vanishes), so V = +/- U^T
        assertTrue(relErr(Transforms.abs(v, true), Transforms.abs(u, true)) < 1e-6, "balanced: |V| = |U| entrywise");

        // observation: the paper's ascent on the same orbit (no maximiser), capped at 100x the start
        TeleportSettings up = TeleportSettings.forExactGroup(400, 0.01 / f0).withObjectiveCap(100 * f0);
        TeleportResult ru = new Teleporter(new LinearGroup(ARCH), new GradientNormSquared(), up).teleport(w0, b);
        GradientAndHvp g2 = new DenseNetView(ARCH, ru.params()).gradientAndHessianGradient(b);
        System.out.printf("NEWTON-OBSERVATION same net, ascent (capped at 100x): ||grad L||^2 %.4e -> %.4e in %d steps, angle(H g, g) %.4f deg -> %.4f deg%n",
                ru.objectiveStart(), ru.objectiveEnd(), ru.acceptedSteps(), angleBefore, angleDegrees(g2.hessianGradient(), g2.gradient()));
    }
}
