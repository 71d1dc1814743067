package org.teleport4j.driver.correlate;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.teleport4j.ops.curvature.HessianOperator;
import org.teleport4j.ops.curvature.Hutchinson;
import org.teleport4j.ops.curvature.Lanczos;
import org.teleport4j.ops.curvature.LanczosResult;
import org.teleport4j.ops.curvature.OrbitCurvature;
import org.teleport4j.ops.curvature.SharpnessMeasure;
import org.teleport4j.ops.curvature.SharpnessSettings;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.data.SeededBatches;
import org.teleport4j.ops.math.Batch;
import org.teleport4j.ops.math.LocalSample;
import org.teleport4j.ops.math.NetArchitecture;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures one trained model on training data, in memory (one model per Spark task): phi (sharpness), psi (orbit
 * curvature), lambda_max (Lanczos) and the Hessian trace (Hutchinson). Every batch, direction, generator and
 * probe comes from the measure seed alone, so all models are measured on the same draws.
 */
public final class ModelMeasurer {
    /** The four measures of one model. */
    public record Measures(double phi, double psi, double lambdaMax, double trace, boolean lanczosConverged) {
    }

    private final MeasureSettings settings;
    private final NetArchitecture arch;

    public ModelMeasurer(MeasureSettings settings, NetArchitecture arch) {
        this.settings = settings;
        this.arch = arch;
    }

    public Measures measure(INDArray params, ExampleSet train) {
        INDArray w = params.castTo(DataType.DOUBLE).reshape(1, params.length()).dup();
        SharpnessSettings sharp = settings.sharpness();
        List<LocalSample> phiBatches = new ArrayList<>();
        for (Batch b : batches(train, sharp.batches(), sharp.batchSize(), settings.sharpnessBatchSeed())) phiBatches.add(new LocalSample(b));
        double phi = SharpnessMeasure.phi(arch, w, phiBatches, sharp);

        List<INDArray> curveFeatures = new ArrayList<>();
        for (Batch b : batches(train, settings.curves(), settings.curveBatchSize(), settings.curveBatchSeed())) curveFeatures.add(b.features());
        double psi = OrbitCurvature.psi(arch, w, curveFeatures, settings.curvature());

        int n = settings.hessianExamplesOf(train.size());
        HessianOperator hessian = new HessianOperator(arch, w, new LocalSample(Batch.of(train.toDataSet(0, n, DataType.DOUBLE))));
        LanczosResult top = Lanczos.run(hessian, settings.lanczos());
        double trace = Hutchinson.estimate(hessian, settings.traceProbes(), settings.traceSeed()).trace();
        return new Measures(phi, psi, top.first(), trace, top.converged());
    }

    /** The measure's batches ({@link SeededBatches}), in memory. */
    static List<Batch> batches(ExampleSet train, int count, int size, long seed) {
        List<Batch> out = new ArrayList<>(count);
        for (int[] batch : SeededBatches.indices(train.size(), count, size, seed)) {
            List<byte[]> records = new ArrayList<>(batch.length);
            for (int i : batch) records.add(train.records().get(i));
            out.add(Batch.of(ExampleSet.toDataSet(records, train.inputs(), train.classes(), DataType.DOUBLE)));
        }
        return out;
    }
}
