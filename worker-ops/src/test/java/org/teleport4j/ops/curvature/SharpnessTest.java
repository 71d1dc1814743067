package org.teleport4j.ops.curvature;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.DenseNetView;
import org.teleport4j.ops.math.LocalSample;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.ParamBlocks;
import org.teleport4j.ops.model.HiddenActivation;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.testutil.TestData;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The paper's sharpness phi: settings, directions, an exact quadratic check, a direct check, determinism. */
class SharpnessTest {

    @Test
    void paperSettings() {
        SharpnessSettings mnist = SharpnessSettings.paperMnist(0), fashion = SharpnessSettings.paperFashionCifar(0), tele = SharpnessSettings.paperTeleportObjective(0);
        assertEquals(20, mnist.radiusCount());
        assertEquals(0.001, mnist.radii()[0]);
        assertEquals(0.011, mnist.radii()[1]);
        assertEquals(0.191, mnist.radii()[19]);
        assertEquals(0.0001, fashion.radii()[0]);
        assertEquals(0.0191, fashion.radii()[19]);
        assertArrayEquals(new double[]{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}, tele.radii());
        assertEquals(1, mnist.directionsPerRadius());
        assertEquals(200, mnist.batches());
        assertEquals(200, mnist.batchSize());
        assertEquals(100, tele.directionsPerRadius());
        assertEquals(2000, tele.batchSize());
    }

    @Test
    void quadraticModelMatchesTheClosedFormAndPhiExceedsTheMinimumLoss() {
        // linear least squares: L(w + t u) = L(w) + t g.u + t^2/2 (1/n) ||X U||_F^2 exactly
        Random rnd = new Random(7);
        NetArchitecture arch = NetArchitecture.regression(new MlpSpec(new int[]{6, 2}, HiddenActivation.IDENTITY, 0, false));
        INDArray x = TestData.gaussian(rnd, 30, 6, 1.0), y = TestData.gaussian(rnd, 30, 2, 1.0);
        Batch batch = new Batch(x, y);
        SharpnessSettings s = new SharpnessSettings(new double[]{0.05, 0.1, 0.2}, 2, 1, 30, 11);
        INDArray wStar = org.nd4j.linalg.inverse.InvertMatrix.invert(x.transpose().mmul(x), false).mmul(x.transpose()).mmul(y);   // normal equations
        INDArray minimum = ParamBlocks.of(arch, List.of(wStar), null).flatten();
        for (INDArray w : new INDArray[]{TestData.params(rnd, arch, 1.0), minimum}) {
            DenseNetView view = new DenseNetView(arch, w);
            double loss = view.loss(batch);
            INDArray g = view.gradient(batch);
            double closed = 0;
            for (int r = 0; r < 3; r++)
                for (int j = 0; j < 2; j++) {
                    double t = s.radii()[r];
                    INDArray u = SharpnessMeasure.direction(arch.parameterCount(), 11, 0, r, j);
                    INDArray xu = x.mmul(ParamBlocks.split(arch, u).weight(0));
                    closed += loss + t * g.mul(u).sumNumber().doubleValue() + 0.5 * t * t * xu.mul(xu).sumNumber().doubleValue() / 30;
                }
            closed /= 6;
            double phi = SharpnessMeasure.phi(arch, w, new LocalSample(batch), s, 0);
            System.out.printf("SHARPNESS quadratic model: phi %.15f, closed form %.15f (rel %.1e), L(w) %.6f, |g| %.1e%n",
                    phi, closed, TestData.relErr(phi, closed), loss, g.norm2Number().doubleValue());
            assertEquals(closed, phi, 1e-13 * Math.abs(closed));
            if (w == minimum) {
                assertTrue(g.norm2Number().doubleValue() < 1e-12, "w* is the minimum");
                assertTrue(phi > loss, "at a minimum of a convex loss every perturbation raises it");
            }
        }
    }

    @Test
    void oneRadiusOneDirectionIsTheLossAtThePerturbedPoint() {
        Random rnd = new Random(8);
        NetArchitecture arch = NetArchitecture.classifier(MlpSpec.paper(7, 9, 5, 4));
        INDArray w = TestData.params(rnd, arch, 0.5);
        Batch batch = TestData.batch(rnd, arch, 25);
        SharpnessSettings one = new SharpnessSettings(new double[]{0.3}, 1, 1, 25, 5);
        INDArray u = SharpnessMeasure.direction(arch.parameterCount(), 5, 0, 0, 0);
        assertEquals(1.0, u.norm2Number().doubleValue(), 1e-14);
        assertTrue(u.minNumber().doubleValue() > 0, "d ~ U[0,1)^N: all entries positive");
        double direct = new DenseNetView(arch, w.add(u.mul(0.3))).loss(batch);
        assertEquals(direct, SharpnessMeasure.phi(arch, w, new LocalSample(batch), one, 0), 1e-15);
    }

    @Test
    void batchesGetTheirOwnDirectionsAndSeedsReproduce() {
        Random rnd = new Random(9);
        NetArchitecture arch = NetArchitecture.classifier(MlpSpec.paper(7, 9, 4));
        INDArray w = TestData.params(rnd, arch, 0.5);
        List<LocalSample> batches = List.of(new LocalSample(TestData.batch(rnd, arch, 10)), new LocalSample(TestData.batch(rnd, arch, 10)));
        SharpnessSettings s = new SharpnessSettings(new double[]{0.01, 0.1}, 1, 2, 10, 3);
        double phi = SharpnessMeasure.phi(arch, w, batches, s);
        double perBatch = (SharpnessMeasure.phi(arch, w, batches.get(0), s, 0) + SharpnessMeasure.phi(arch, w, batches.get(1), s, 1)) / 2;
        assertEquals(perBatch, phi, 1e-15);
        assertEquals(phi, SharpnessMeasure.phi(arch, w, batches, s), 0.0);
        assertNotEquals(phi, SharpnessMeasure.phi(arch, w, batches, s.withSeed(4)));
        assertNotEquals(0.0, TestData.relErr(SharpnessMeasure.direction(50, 3, 0, 0, 0), SharpnessMeasure.direction(50, 3, 1, 0, 0)), "batch 1 has other directions");
        assertEquals(0.0, TestData.relErr(SharpnessMeasure.direction(50, 3, 1, 1, 0), SharpnessMeasure.direction(50, 3, 1, 1, 0)));
    }
}
