package org.teleport4j.driver.spark;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.driver.train.LocalSparkTest;
import org.teleport4j.ops.data.DatasetId;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.data.RealData;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.BatchSums;
import org.teleport4j.ops.math.GradientAndHvp;
import org.teleport4j.ops.math.LocalSample;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.model.OptimizerKind;

import static org.junit.jupiter.api.Assertions.*;

/** Loss, gradient and Hessian-vector products reduced across Spark partitions equal the single-machine ones. */
class DistributedSampleTest extends LocalSparkTest {

    static double relative(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue() / b.norm2Number().doubleValue();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void distributedSumsEqualLocalSums(int partitions) {
        ExampleSet data = DatasetId.MNIST.readTrain(RealData.dir(), new Configuration()).head(300);
        MlpSpec spec = MlpSpec.paper(784, 16, 10, 10);
        NetArchitecture arch = NetArchitecture.classifier(spec);
        INDArray w = spec.newNetwork(OptimizerKind.SGD.updater(0.1), 11, DataType.DOUBLE).params().dup();
        Nd4j.getRandom().setSeed(5);
        INDArray v = Nd4j.randn(DataType.DOUBLE, 1, w.length());

        LocalSample local = new LocalSample(Batch.of(data.toDataSet(DataType.DOUBLE)));
        try (DistributedSample distributed = new DistributedSample(sc,
                RecordChunks.of(sc.parallelize(data.records(), partitions), 64), data.inputs(), data.classes())) {
            BatchSums l = local.sums(arch, w, v), d = distributed.sums(arch, w, v);
            assertEquals(300, d.count());
            assertEquals(l.lossSum(), d.lossSum(), 1e-10 * Math.abs(l.lossSum()));
            double gradErr = relative(d.gradientSum(), l.gradientSum()), hvpErr = relative(d.hvpSum(), l.hvpSum());
            System.out.printf("%d partitions: relative error gradient %.2e, HVP %.2e%n", partitions, gradErr, hvpErr);
            assertTrue(gradErr < 1e-12, "gradient " + gradErr);
            assertTrue(hvpErr < 1e-12, "HVP " + hvpErr);

            GradientAndHvp lg = local.gradientAndHessianGradient(arch, w), dg = distributed.gradientAndHessianGradient(arch, w);
            assertEquals(lg.loss(), dg.loss(), 1e-12);
            assertTrue(relative(dg.hessianGradient(), lg.hessianGradient()) < 1e-12);
            assertNull(distributed.features(), "a distributed sample serves exact groups only");
        }
    }
}
