package org.teleport4j.ops.meta;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The meta-gradient (of one window's meta-loss w.r.t. every LSTM and head parameter block) against central
 * differences, on a tiny instance: n = 3, hidden 4, window 3, after a first window so the state is not zero. The
 * optimisee's gradients are constants of the meta-loss (first-order), so the perturbed runs replay the gradients of
 * the unperturbed one.
 */
class MetaGradientTest {
    private static final int N = 3, HIDDEN = 4, WINDOW = 3;

    @Test
    void lrTele() {
        check(MetaKind.LR_TELE);
    }

    @Test
    void updateTele() {
        check(MetaKind.UPDATE_TELE);
    }

    @Test
    void update() {
        check(MetaKind.UPDATE);
    }

    private static void check(MetaKind kind) {
        // inputScale keeps the gates away from saturation so that every block has a gradient worth checking.
        LstmMetaOptimizer opt = LstmMetaOptimizer.initial(kind, N, HIDDEN, 0.05, 0.01, 17);
        RegressionTask task = RegressionTask.draw(N, 23);
        LstmMetaOptimizer.Window first = opt.window(task, task.w0(), task.w1(), opt.zeroState(), WINDOW, GradientSource.exact(), false);
        List<INDArray[]> log = new ArrayList<>();
        LstmMetaOptimizer.Window base = opt.window(task, first.w0(), first.w1(), first.state(), WINDOW, GradientSource.recording(log), true);
        double worstBlock = 0;
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, INDArray> e : opt.params().entrySet()) {
            INDArray analytic = base.gradient().get(e.getKey());
            INDArray p = e.getValue();
            // Central differences balance truncation (h^2) against round-off (eps * meta-loss / h): 1e-4 suits every block.
            double h = 1e-4;
            double diff2 = 0, norm2 = 0;
            for (int i = 0; i < p.length(); i++) {
                double v = p.getDouble(i);
                p.putScalar(i, v + h);
                double up = opt.window(task, first.w0(), first.w1(), first.state(), WINDOW, GradientSource.replaying(log), false).metaLoss();
                p.putScalar(i, v - h);
                double down = opt.window(task, first.w0(), first.w1(), first.state(), WINDOW, GradientSource.replaying(log), false).metaLoss();
                p.putScalar(i, v);
                double fd = (up - down) / (2 * h), a = analytic.getDouble(i);
                diff2 += (fd - a) * (fd - a);
                norm2 += a * a;
            }
            double rel = Math.sqrt(diff2) / Math.max(Math.sqrt(norm2), 1e-300);
            assertTrue(norm2 > 0, kind + " " + e.getKey() + " has a zero meta-gradient");
            report.append(String.format(" %s %.1e", e.getKey(), rel));
            worstBlock = Math.max(worstBlock, rel);
        }
        System.out.printf("meta-gradient vs central differences, %s (relative error per block):%s%n", kind.label(), report);
        assertTrue(worstBlock < 1e-6, kind + ": worst block relative error " + worstBlock + ";" + report);
    }

    @Test
    void windowsDetachWeightsAndState() {
        // Two windows of 3 give the same losses as one window of 6: detaching cuts gradients, not values.
        LstmMetaOptimizer opt = LstmMetaOptimizer.initial(MetaKind.UPDATE_TELE, N, HIDDEN, 0.05, 0.01, 3);
        RegressionTask task = RegressionTask.draw(N, 4);
        LstmMetaOptimizer.Window a = opt.window(task, task.w0(), task.w1(), opt.zeroState(), 3, GradientSource.exact(), true);
        LstmMetaOptimizer.Window b = opt.window(task, a.w0(), a.w1(), a.state(), 3, GradientSource.exact(), true);
        LstmMetaOptimizer.Window whole = opt.window(task, task.w0(), task.w1(), opt.zeroState(), 6, GradientSource.exact(), false);
        assertEquals(whole.losses()[5], b.losses()[2], 1e-9 * Math.abs(whole.losses()[5]));
        assertEquals(whole.metaLoss(), a.metaLoss() + b.metaLoss(), 1e-9 * whole.metaLoss());
    }
}
