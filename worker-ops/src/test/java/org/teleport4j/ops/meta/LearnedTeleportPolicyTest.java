package org.teleport4j.ops.meta;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.math.ParamBlocks;
import org.teleport4j.ops.model.HiddenActivation;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.symmetry.FormB;
import org.teleport4j.ops.symmetry.Tangent;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The learned policy in a DL4J-layout network agrees with the paper-convention meta-training: on an n-n-n network
 * holding V = W0^T, U = W1^T with the batch H = X^T, the policy feeds the LSTM the same gradients, and FormB with its
 * element moves the weights as RegressionTask.teleport does (W0' exactly, W1' up to O(||T||^2)).
 */
class LearnedTeleportPolicyTest {

    @Test
    void conventionsAgreeWithTheMetaTrainingTask() {
        int n = 4;
        RegressionTask task = RegressionTask.draw(n, 8);
        LstmMetaOptimizer lstm = LstmMetaOptimizer.initial(MetaKind.LR_TELE, n, 5, 1e-2, 1, 3);
        NetArchitecture arch = NetArchitecture.regression(new MlpSpec(new int[]{n, n, n}, HiddenActivation.LEAKY_RELU, 0.1, false));
        INDArray params = ParamBlocks.of(arch, List.of(task.w0().transpose().dup(), task.w1().transpose().dup()), null).flatten();
        INDArray[] g = task.gradient(task.w0(), task.w1());
        INDArray grad = ParamBlocks.of(arch, List.of(g[0].transpose().dup(), g[1].transpose().dup()), null).flatten();

        Tangent element = new LearnedTeleportPolicy(lstm, arch, 0).next(params, grad);

        Tape tape = new Tape(false);
        Map<String, Tape.Var> p = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : lstm.params().entrySet()) p.put(e.getKey(), tape.leaf(e.getValue()));
        LstmMetaOptimizer.State z = lstm.zeroState();
        Tape.Var[] s = {tape.leaf(z.h1()), tape.leaf(z.c1()), tape.leaf(z.h2()), tape.leaf(z.c2())};
        Tape.Var t = lstm.forward(tape, p, s, g[0], g[1]).t();
        assertEquals(0, element.block(0).sub(t.value().transpose()).norm2Number().doubleValue(), 1e-15, "T^T in the row convention");

        Tape.Var[] paper = task.teleport(tape, tape.leaf(task.w0()), tape.leaf(task.w1()), t);
        ParamBlocks moved = ParamBlocks.split(arch, new FormB(arch).apply(params, element, task.x().transpose().dup()));
        double w0Error = moved.weight(0).transpose().sub(paper[0].value()).norm2Number().doubleValue() / paper[0].value().norm2Number().doubleValue();
        double w1Error = moved.weight(1).transpose().sub(paper[1].value()).norm2Number().doubleValue() / paper[1].value().norm2Number().doubleValue();
        System.out.printf("FormB(T^T) vs the paper's teleport: W0' relative difference %.2e, W1' %.2e (||T||_F = 0.01)%n", w0Error, w1Error);
        assertTrue(w0Error < 1e-10, "W0' " + w0Error);
        assertTrue(w1Error < 2e-4, "W1' agrees to O(||T||^2): " + w1Error);
    }

    @Test
    void shapeMismatchIsExplained() {
        NetArchitecture arch = NetArchitecture.classifier(new MlpSpec(new int[]{784, 16, 10, 10}, HiddenActivation.LEAKY_RELU, 0.1, false));
        assertNull(LearnedTeleportPolicy.shapeMismatch(NetArchitecture.classifier(new MlpSpec(new int[]{784, 10, 10, 10}, HiddenActivation.LEAKY_RELU, 0.1, false)), 1, 10));
        String why = LearnedTeleportPolicy.shapeMismatch(arch, 1, 10);
        assertTrue(why.contains("[16, 10]") && why.contains("[10, 10]"), why);
        assertTrue(LearnedTeleportPolicy.shapeMismatch(arch, 2, 10).contains("does not exist"));
    }
}
