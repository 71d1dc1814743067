package org.teleport4j.ops.eval;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.Serializable;

/**
 * Sums over examples of the softmax cross-entropy loss and of correct predictions: a partial result that
 * adds across partitions and divides by the count at the end (the reduction pattern used everywhere).
 */
public record LossAccuracySums(long count, double lossSum, long correct) implements Serializable {
    public static final LossAccuracySums ZERO = new LossAccuracySums(0, 0, 0);
    /** Probabilities are floored here before the log, as DL4J's MCXENT clips them. */
    static final double MIN_PROBABILITY = 1e-10;

    /** The sums for class probabilities [n, classes] against one-hot labels [n, classes]. */
    public static LossAccuracySums of(INDArray probabilities, INDArray oneHotLabels) {
        INDArray p = probabilities.castTo(DataType.DOUBLE);
        INDArray y = oneHotLabels.castTo(DataType.DOUBLE);
        double loss = -Transforms.log(Transforms.max(p, MIN_PROBABILITY), false).muli(y).sumNumber().doubleValue();
        INDArray predicted = Nd4j.argMax(p, 1);
        INDArray actual = Nd4j.argMax(y, 1);
        long correct = predicted.eq(actual).castTo(DataType.INT32).sumNumber().longValue();
        return new LossAccuracySums(p.rows(), loss, correct);
    }

    public static LossAccuracySums of(MultiLayerNetwork net, DataSet batch) {
        return of(net.output(batch.getFeatures(), false), batch.getLabels());
    }

    public LossAccuracySums plus(LossAccuracySums o) {
        return new LossAccuracySums(count + o.count, lossSum + o.lossSum, correct + o.correct);
    }

    public double meanLoss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    public double accuracy() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }
}
