package org.teleport4j.ops.meta;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Meta-training's bookkeeping on a tiny instance: windows that diverge still give a gradient; training moves every block. */
class MetaTrainerTest {

    @Test
    void aDivergedWindowStopsAtTheBoundAndStillHasAGradient() {
        LstmMetaOptimizer opt = LstmMetaOptimizer.initial(MetaKind.UPDATE, 3, 4, 0.05, 0.01, 2);
        RegressionTask task = RegressionTask.draw(3, 5);
        // A bound below every loss: the first step "diverges".
        LstmMetaOptimizer.Window w = opt.window(task, task.w0(), task.w1(), opt.zeroState(), 3, GradientSource.exact(), true, 0);
        assertTrue(w.diverged());
        assertTrue(Double.isFinite(w.losses()[0]) && Double.isNaN(w.losses()[1]), java.util.Arrays.toString(w.losses()));
        assertEquals(w.losses()[0], w.metaLoss(), 0);
        assertNotNull(w.gradient());
    }

    @Test
    void trainingMovesEveryParameterBlock() {
        MetaTrainingSettings s = new MetaTrainingSettings(MetaKind.LR_TELE, 3, 4, 3, 9, 3, 1e-3, 0.05, 1, 10, 1);
        MetaTrainer.Result r = MetaTrainer.train(s, null);
        LstmMetaOptimizer initial = LstmMetaOptimizer.initial(MetaKind.LR_TELE, 3, 4, 0.05, 1, 1);
        assertEquals(3, r.trajectoryMetaLoss().length);
        for (Map.Entry<String, INDArray> e : r.optimizer().params().entrySet()) {
            assertTrue(Double.isFinite(e.getValue().sumNumber().doubleValue()), e.getKey());
            assertNotEquals(0.0, e.getValue().sub(initial.params().get(e.getKey())).norm2Number().doubleValue(), e.getKey() + " moved");
        }
    }
}
