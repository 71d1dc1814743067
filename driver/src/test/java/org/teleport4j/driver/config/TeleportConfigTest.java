package org.teleport4j.driver.config;

import org.junit.jupiter.api.Test;
import org.teleport4j.driver.teleport.TeleportSchedule;
import org.teleport4j.ops.optim.StatePolicy;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TeleportConfigTest {
    static TrainConfig parse(String... sets) {
        return TrainConfig.from(ConfigLoader.load(List.of(), List.of(sets)));
    }

    @Test
    void defaultsAreOffAndThePapersSettings() {
        TeleportConfig t = parse().teleport();
        assertFalse(t.active());
        assertEquals(10, t.steps());
        assertEquals(200, t.sampleSize());
        assertEquals(StatePolicy.RESET, t.state());
        assertEquals(new TeleportSchedule.FirstRoundsOfEpoch(0, 8), t.schedule());
        assertTrue(t.ascent());
        assertEquals(1e-9, t.lossTolerance(), "exact group: tight tolerance");
        assertEquals(1e-2, parse("teleport.group=form-a").teleport().lossTolerance(), "data-dependent group: loose tolerance");
    }

    @Test
    void schedulesDecideRounds() {
        TeleportSchedule paper = parse("teleport.schedule.epoch=2", "teleport.schedule.rounds=3").teleport().schedule();
        assertTrue(paper.teleportsBefore(2, 0) && paper.teleportsBefore(2, 2));
        assertFalse(paper.teleportsBefore(2, 3) || paper.teleportsBefore(1, 0));
        TeleportSchedule every = parse("teleport.schedule.kind=every-rounds", "teleport.schedule.every=4").teleport().schedule();
        assertTrue(every.teleportsBefore(5, 0) && every.teleportsBefore(5, 8));
        assertFalse(every.teleportsBefore(5, 3));
        TeleportSchedule at = parse("teleport.schedule.kind=epochs", "teleport.schedule.epochs=[1, 3]").teleport().schedule();
        assertTrue(at.teleportsBefore(1, 0) && at.teleportsBefore(3, 0));
        assertFalse(at.teleportsBefore(1, 1) || at.teleportsBefore(2, 0));
    }

    @Test
    void inconsistentCombinationsNameTheKeys() {
        String m = assertThrows(BadConfigException.class, () -> parse("teleport.mode=teleport", "model.activation=tanh")).getMessage();
        assertTrue(m.contains("teleport.group = scaling") && m.contains("tanh"), m);
        m = assertThrows(BadConfigException.class, () -> parse("teleport.mode=teleport", "teleport.group=linear")).getMessage();
        assertTrue(m.contains("teleport.group = linear"), m);
        m = assertThrows(BadConfigException.class, () -> parse("teleport.mode=teleport", "teleport.group=form-a", "teleport.state=transport")).getMessage();
        assertTrue(m.contains("teleport.state = transport"), m);
        m = assertThrows(BadConfigException.class, () -> parse("teleport.mode=teleport", "teleport.objective=lookahead")).getMessage();
        assertTrue(m.contains("teleport.trust-radius"), m);
        m = assertThrows(BadConfigException.class, () -> parse("teleport.mode=sometimes")).getMessage();
        assertTrue(m.contains("teleport.mode") && m.contains("reset-only"), m);
        m = assertThrows(BadConfigException.class, () -> parse("teleport.schedule.kind=epochs")).getMessage();
        assertTrue(m.contains("teleport.schedule.epochs"), m);
    }

    @Test
    void lookaheadDescendsByDefault() {
        TeleportConfig t = parse("teleport.mode=teleport", "teleport.objective=lookahead", "teleport.trust-radius=0.1").teleport();
        assertFalse(t.ascent());
    }

    @Test
    void curvatureObjectivesHaveThePapersDirectionsAndNeedTheirGroups() {
        TeleportConfig phi = parse("teleport.mode=teleport", "teleport.group=form-a", "teleport.objective=sharpness").teleport();
        assertFalse(phi.ascent(), "phi is lowered by default");
        assertEquals(new TeleportConfig.SharpnessObjective(0.1, 0.1, 9, 100), phi.sharpness(), "the paper's phi objective");
        assertTrue(phi.objective().seeded());
        TeleportConfig psi = parse("teleport.mode=teleport", "teleport.group=form-b", "teleport.objective=curvature").teleport();
        assertTrue(psi.ascent(), "psi is raised by default");
        assertFalse(parse("teleport.mode=teleport", "teleport.objective=top-eigenvalue").teleport().ascent());
        assertEquals(TeleportConfig.Mode.RANDOM, parse("teleport.mode=random", "teleport.group=form-a", "teleport.objective=sharpness").teleport().mode());

        String m = assertThrows(BadConfigException.class, () -> parse("teleport.mode=teleport", "teleport.objective=curvature")).getMessage();
        assertTrue(m.contains("teleport.group = form-b") && m.contains("scaling"), m);
        m = assertThrows(BadConfigException.class, () -> parse("teleport.mode=teleport", "teleport.group=form-b", "model.activation=relu")).getMessage();
        assertTrue(m.contains("form-b") && m.contains("relu"), m);
        m = assertThrows(BadConfigException.class, () -> parse("teleport.mode=random", "teleport.objective=lookahead", "teleport.trust-radius=0.1")).getMessage();
        assertTrue(m.contains("teleport.mode = random"), m);
        m = assertThrows(BadConfigException.class, () -> parse("teleport.sharpness.radii=0")).getMessage();
        assertTrue(m.contains("teleport.sharpness.radii"), m);
    }
}
