package org.teleport4j.driver.train;

import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.ops.data.DatasetId;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.data.RealData;
import org.teleport4j.ops.model.OptimizerKind;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * With one worker and averaging after every minibatch, parameter averaging on Spark must be exactly
 * sequential training: same init, same minibatches in the same order, same updater arithmetic. This checks
 * the round layout, the transfer of parameters and updater state, and the iteration count (Adam's bias
 * correction), against MultiLayerNetwork.fit on one machine.
 */
class ParameterAveragingEquivalenceTest extends LocalSparkTest {

    @TempDir
    Path runs;

    @ParameterizedTest
    @EnumSource(value = OptimizerKind.class, names = {"SGD", "MOMENTUM", "ADAM"})
    void oneWorkerAveragingEveryStepIsSequentialFit(OptimizerKind kind) {
        double lr = kind == OptimizerKind.ADAM ? 1e-3 : 0.05;
        TrainConfig cfg = TrainingFixtures.mnist(runs, "optimizer.kind=" + kind.name().toLowerCase(), "optimizer.learning-rate=" + lr,
                "training.workers=1", "training.averaging-frequency=1", "training.batch-size=20", "training.epochs=2",
                "training.data-type=double", "training.train-loss=running", "data.train-limit=100", "data.test-limit=100");
        TrainingResult spark = new ParameterAveragingTrainer(sc, cfg).run();

        MultiLayerNetwork local = cfg.modelSpec().newNetwork(kind.updater(lr), cfg.run().seed(), DataType.DOUBLE);
        ExampleSet train = DatasetId.MNIST.readTrain(RealData.dir(), new Configuration()).head(100);
        for (int epoch = 0; epoch < 2; epoch++)
            for (DataSet mb : train.minibatches(20, DataType.DOUBLE)) local.fit(mb);

        double change = local.params().sub(cfg.modelSpec().newNetwork(kind.updater(lr), cfg.run().seed(), DataType.DOUBLE).params())
                .norm2Number().doubleValue();
        double diff = spark.network().params().sub(local.params()).amaxNumber().doubleValue();
        System.out.printf("%s: max |spark - sequential| = %.3e after 10 steps (parameters moved by %.3e)%n", kind, diff, change);
        assertTrue(change > 1e-3, "training must move the parameters");
        assertTrue(diff < 1e-12, kind + ": parameter averaging with one worker differs from sequential fit by " + diff);
        assertEquals(local.getIterationCount(), spark.network().getIterationCount());
    }
}
