package org.teleport4j.ops.teleport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.DenseNetView;
import org.teleport4j.ops.math.LocalSample;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.symmetry.PositiveScaling;
import org.teleport4j.ops.symmetry.Tangent;
import org.teleport4j.ops.testutil.TrainedMlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.teleport4j.ops.testutil.TestData.relErr;

class RandomDirectionControlTest {
    private static TrainedMlp trained;
    private static NetArchitecture arch;
    private static Batch batch;

    @BeforeAll
    static void train() {
        trained = TrainedMlp.train(7, 300);
        arch = NetArchitecture.classifier(trained.spec());
        batch = trained.firstSamples(64);
    }

    @Test
    void matchesEveryAcceptedStepNormInARandomDirectionAndStaysOnTheOrbit() {
        PositiveScaling group = new PositiveScaling(arch);
        GradientNormSquared objective = new GradientNormSquared();
        Teleporter t = new Teleporter(group, objective, TeleportSettings.forExactGroup(5, 10.0).withTrustRadius(0.2));
        LocalSample sample = new LocalSample(batch);
        TeleportResult directed = t.teleport(trained.params(), sample);
        TeleportResult random = RandomDirectionControl.matching(group, objective, directed, trained.params(), sample, 11);

        assertEquals(directed.acceptedSteps(), random.acceptedSteps(), "as many steps as the teleport accepted");
        for (int i = 0; i < random.steps().size(); i++)
            assertEquals(directed.steps().get(i).elementNorm(), random.steps().get(i).elementNorm(), 1e-15);
        // For the abelian scaling group the accumulated element is the overall one: check its norm independently.
        Tangent overall = random.element();
        INDArray recomputed = group.apply(trained.params(), overall, null);
        assertTrue(relErr(recomputed, random.params()) < 1e-12, "element and weights agree");
        double cosine = overall.dot(directed.element()) / (overall.norm() * directed.element().norm());
        System.out.printf("random control: %d steps, |element| %.4f vs directed %.4f, cosine %.3f, grad-norm^2 %.4e -> %.4e (directed -> %.4e)%n",
                random.acceptedSteps(), overall.norm(), directed.element().norm(), cosine, random.objectiveStart(), random.objectiveEnd(),
                directed.objectiveEnd());
        assertTrue(Math.abs(cosine) < 0.9, "a random direction, not the directed one (cosine " + cosine + ")");
        // An exact group: the random move stays on the orbit too.
        DenseNetView before = new DenseNetView(arch, trained.params()), after = new DenseNetView(arch, random.params());
        assertTrue(relErr(after.loss(batch), before.loss(batch)) < 1e-12);
        assertNotEquals(random.objectiveEnd(), directed.objectiveEnd());
        assertTrue(random.objectiveEnd() < directed.objectiveEnd(), "the directed ascent raises the objective more than chance");
    }

    @Test
    void sameSeedSameControl() {
        PositiveScaling group = new PositiveScaling(arch);
        GradientNormSquared objective = new GradientNormSquared();
        LocalSample sample = new LocalSample(batch);
        TeleportResult directed = new Teleporter(group, objective, TeleportSettings.forExactGroup(3, 10.0).withTrustRadius(0.1))
                .teleport(trained.params(), sample);
        TeleportResult a = RandomDirectionControl.matching(group, objective, directed, trained.params(), sample, 5);
        TeleportResult b = RandomDirectionControl.matching(group, objective, directed, trained.params(), sample, 5);
        TeleportResult c = RandomDirectionControl.matching(group, objective, directed, trained.params(), sample, 6);
        assertEquals(0.0, relErr(a.params(), b.params()));
        assertTrue(relErr(a.params(), c.params()) > 0);
    }
}
