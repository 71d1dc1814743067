package org.teleport4j.ops.testutil;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.model.MlpSpec;

import java.util.Random;

/**
 * A small paper-style MLP (bias-free LeakyReLU 0.1) trained by DL4J with full-batch SGD on a synthetic
 * teacher task: labels are the argmax of a random linear map of Gaussian inputs.
 *
 * @param spec   the network
 * @param params trained flat parameters (DOUBLE)
 * @param data   the training set
 */
public record TrainedMlp(MlpSpec spec, INDArray params, Batch data) {

    public static TrainedMlp train(long seed, int iterations) {
        MlpSpec spec = MlpSpec.paper(12, 16, 10, 4);
        Random rnd = new Random(seed);
        INDArray x = TestData.gaussian(rnd, 256, 12, 1.0);
        INDArray teacher = TestData.gaussian(rnd, 12, 4, 1.0);
        INDArray cls = Nd4j.argMax(x.mmul(teacher), 1);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 256, 4);
        for (int i = 0; i < 256; i++) y.putScalar(i, cls.getInt(i), 1.0);
        MultiLayerNetwork net = spec.newNetwork(new Sgd(0.2), seed, DataType.DOUBLE);
        DataSet ds = new DataSet(x, y);
        for (int i = 0; i < iterations; i++) net.fit(ds);
        return new TrainedMlp(spec, net.params().dup(), new Batch(x, y));
    }

    /** The first n training samples. */
    public Batch firstSamples(int n) {
        return new Batch(data.features().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup(),
                data.labels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup());
    }
}
