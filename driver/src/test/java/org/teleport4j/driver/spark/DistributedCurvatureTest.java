package org.teleport4j.driver.spark;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.driver.train.LocalSparkTest;
import org.teleport4j.ops.curvature.HessianOperator;
import org.teleport4j.ops.curvature.Hutchinson;
import org.teleport4j.ops.curvature.Lanczos;
import org.teleport4j.ops.curvature.LanczosResult;
import org.teleport4j.ops.curvature.LanczosSettings;
import org.teleport4j.ops.curvature.TraceEstimate;
import org.teleport4j.ops.data.DatasetId;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.data.RealData;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.LocalSample;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.model.OptimizerKind;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Hessian spectrum measured through distributed HVP passes (HessianOperator over a DistributedSample: each
 * product is one broadcast + treeAggregate job) equals the one measured on the same data in memory. The two
 * differ only in the order the per-example sums are added, so agreement is to rounding, not approximate.
 */
class DistributedCurvatureTest extends LocalSparkTest {

    @Test
    void lanczosAndHutchinsonThroughDistributedHvpsEqualLocal() {
        ExampleSet data = DatasetId.MNIST.readTrain(RealData.dir(), new Configuration()).head(500);
        MlpSpec spec = MlpSpec.paper(784, 16, 10, 10);
        NetArchitecture arch = NetArchitecture.classifier(spec);
        INDArray w = spec.newNetwork(OptimizerKind.SGD.updater(0.1), 3, DataType.DOUBLE).params().dup();
        LanczosSettings top3 = LanczosSettings.top(3, 17).withTolerance(1e-8);

        HessianOperator local = new HessianOperator(arch, w, new LocalSample(Batch.of(data.toDataSet(DataType.DOUBLE))));
        LanczosResult l = Lanczos.run(local, top3);
        TraceEstimate lt = Hutchinson.estimate(local, 8, 99);
        try (DistributedSample sample = new DistributedSample(sc,
                RecordChunks.of(sc.parallelize(data.records(), 3), 64), data.inputs(), data.classes())) {
            HessianOperator distributed = new HessianOperator(arch, w, sample);
            LanczosResult d = Lanczos.run(distributed, top3);
            TraceEstimate dt = Hutchinson.estimate(distributed, 8, 99);

            assertTrue(l.converged() && d.converged(), "both Lanczos runs converge");
            assertEquals(3, d.count());
            for (int i = 0; i < 3; i++) {
                double rel = Math.abs(d.eigenvalues()[i] - l.eigenvalues()[i]) / Math.abs(l.eigenvalues()[i]);
                System.out.printf("lambda_%d local %.12g distributed %.12g relative error %.2e (%d / %d products)%n",
                        i + 1, l.eigenvalues()[i], d.eigenvalues()[i], rel, l.iterations(), d.iterations());
                assertTrue(rel < 1e-8, "eigenvalue " + i + " relative error " + rel);
            }
            assertTrue(l.first() > l.eigenvalues()[1] && l.eigenvalues()[1] > l.eigenvalues()[2], "largest first, distinct");
            double traceRel = Math.abs(dt.trace() - lt.trace()) / Math.abs(lt.trace());
            System.out.printf("trace local %.15g distributed %.15g relative difference %.2e%n", lt.trace(), dt.trace(), traceRel);
            // Same seed, same probes: the probe values differ only by summation order.
            assertTrue(traceRel < 1e-12, "trace relative difference " + traceRel);
            for (int i = 0; i < 8; i++)
                assertEquals(lt.samples()[i], dt.samples()[i], 1e-10 * Math.abs(lt.samples()[i]), "probe " + i);
        }
    }

    @Test
    void phiAndPsiAssembledOnTheExecutorsEqualTheInMemoryMeasure() {
        ExampleSet data = DatasetId.MNIST.readTrain(RealData.dir(), new Configuration()).head(600);
        MlpSpec spec = MlpSpec.paper(784, 16, 10, 10);
        NetArchitecture arch = NetArchitecture.classifier(spec);
        INDArray w = spec.newNetwork(OptimizerKind.SGD.updater(0.1), 5, DataType.DOUBLE).params().dup();
        java.util.List<scala.Tuple2<Long, byte[]>> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < data.size(); i++) pairs.add(new scala.Tuple2<>((long) i, data.records().get(i)));
        org.apache.spark.api.java.JavaPairRDD<Long, byte[]> records = sc.parallelizePairs(pairs, 3);
        // 5 batches of 200 from 600 examples: the draw runs out of the first permutation, so some records sit in two batches
        org.teleport4j.ops.curvature.SharpnessSettings sharp = new org.teleport4j.ops.curvature.SharpnessSettings(
                org.teleport4j.ops.curvature.SharpnessSettings.arithmetic(0.001, 0.01, 4), 1, 5, 200, 21);
        org.teleport4j.ops.curvature.CurvatureSettings curves = new org.teleport4j.ops.curvature.CurvatureSettings(4, 150, 23);

        java.util.List<LocalSample> phiBatches = new java.util.ArrayList<>();
        java.util.List<INDArray> curveFeatures = new java.util.ArrayList<>();
        for (int[] b : org.teleport4j.ops.data.SeededBatches.indices(data.size(), 5, 200, 31)) phiBatches.add(new LocalSample(batchOf(data, b)));
        for (int[] b : org.teleport4j.ops.data.SeededBatches.indices(data.size(), 4, 150, 32)) curveFeatures.add(batchOf(data, b).features());
        double phiLocal = org.teleport4j.ops.curvature.SharpnessMeasure.phi(arch, w, phiBatches, sharp);
        double psiLocal = org.teleport4j.ops.curvature.OrbitCurvature.psi(arch, w, curveFeatures, curves);

        double phi = DistributedMeasures.phi(sc, records, data.size(), data.inputs(), data.classes(), arch, w, sharp, 31);
        double psi = DistributedMeasures.psi(sc, records, data.size(), data.inputs(), data.classes(), arch, w, curves, 32);
        System.out.printf("phi local %.15g distributed %.15g; psi local %.15g distributed %.15g%n", phiLocal, phi, psiLocal, psi);
        assertEquals(phiLocal, phi, 1e-12 * phiLocal, "phi: same batches, same directions");
        assertEquals(psiLocal, psi, 1e-9 * psiLocal, "psi: same batches, same generators");
        assertNotEquals(phiLocal, DistributedMeasures.phi(sc, records, data.size(), data.inputs(), data.classes(), arch, w, sharp, 99),
                "another batch seed, other batches");
    }

    private static Batch batchOf(ExampleSet data, int[] indices) {
        java.util.List<byte[]> r = new java.util.ArrayList<>();
        for (int i : indices) r.add(data.records().get(i));
        return Batch.of(ExampleSet.toDataSet(r, data.inputs(), data.classes(), DataType.DOUBLE));
    }
}
