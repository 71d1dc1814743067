package org.teleport4j.ops.meta;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayInputStream;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Saving and loading a meta-optimiser: exact round trip; corrupt or mismatched files fail naming the file. */
class MetaOptimizerFileTest {

    @Test
    void roundTripIsExact() {
        for (MetaKind kind : MetaKind.values()) {
            LstmMetaOptimizer opt = LstmMetaOptimizer.initial(kind, 3, 5, 0.5, 0.25, 9);
            LstmMetaOptimizer back = MetaOptimizerFile.read(new ByteArrayInputStream(MetaOptimizerFile.toBytes(opt)), "x.meta", kind, 3);
            assertEquals(kind, back.kind());
            assertEquals(5, back.hidden());
            assertEquals(0.5, back.inputScale());
            assertEquals(0.25, back.outputScale());
            for (Map.Entry<String, INDArray> e : opt.params().entrySet())
                assertEquals(e.getValue(), back.params().get(e.getKey()), e.getKey());
            // Same behaviour, not only the same numbers.
            RegressionTask task = RegressionTask.draw(3, 1);
            assertEquals(Trajectory.learned(opt, task, 4).loss()[4], Trajectory.learned(back, task, 4).loss()[4], 0);
        }
    }

    @Test
    void corruptFileIsRejectedNamingIt() {
        byte[] b = MetaOptimizerFile.toBytes(LstmMetaOptimizer.initial(MetaKind.UPDATE, 3, 4, 1, 1, 1));
        b[b.length / 2] ^= 0x5a;
        Exception e = assertThrows(MetaOptimizerFile.BadMetaOptimizerFileException.class,
                () -> MetaOptimizerFile.read(new ByteArrayInputStream(b), "/runs/m/update.meta"));
        assertTrue(e.getMessage().contains("/runs/m/update.meta") && e.getMessage().contains("corrupt"), e.getMessage());

        byte[] truncated = java.util.Arrays.copyOf(b, 40);
        e = assertThrows(MetaOptimizerFile.BadMetaOptimizerFileException.class,
                () -> MetaOptimizerFile.read(new ByteArrayInputStream(truncated), "t.meta"));
        assertTrue(e.getMessage().contains("t.meta"), e.getMessage());

        e = assertThrows(MetaOptimizerFile.BadMetaOptimizerFileException.class,
                () -> MetaOptimizerFile.read(new ByteArrayInputStream("hello, world".getBytes()), "text.txt"));
        assertTrue(e.getMessage().contains("text.txt") && e.getMessage().contains("not a meta-optimiser file"), e.getMessage());
    }

    @Test
    void mismatchedKindOrSizeIsRejectedNamingIt() {
        byte[] b = MetaOptimizerFile.toBytes(LstmMetaOptimizer.initial(MetaKind.LR_TELE, 3, 4, 1, 1, 1));
        Exception e = assertThrows(MetaOptimizerFile.BadMetaOptimizerFileException.class,
                () -> MetaOptimizerFile.read(new ByteArrayInputStream(b), "lr.meta", MetaKind.LR_TELE, 20));
        assertTrue(e.getMessage().contains("lr.meta") && e.getMessage().contains("n = 3") && e.getMessage().contains("n = 20"), e.getMessage());
        e = assertThrows(MetaOptimizerFile.BadMetaOptimizerFileException.class,
                () -> MetaOptimizerFile.read(new ByteArrayInputStream(b), "lr.meta", MetaKind.UPDATE, 3));
        assertTrue(e.getMessage().contains("lr-tele"), e.getMessage());
    }
}
