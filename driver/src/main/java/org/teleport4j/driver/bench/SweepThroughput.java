package org.teleport4j.driver.bench;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.buffer.DataType;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.spark.LocalThreads;
import org.teleport4j.driver.spark.SparkContexts;
import org.teleport4j.driver.train.SingleMachineTrainer;
import org.teleport4j.ops.data.DatasetId;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.model.OptimizerKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Item e (and the sweep half of f): `trials` CIFAR-10 MLP trials (SGD, batch 20, float, seeds 0..trials-1, no teleports;
 * each evaluated on 1,000 test images after every epoch) trained with SingleMachineTrainer either trial-parallel,
 * one Spark task per trial on local[2] (sc.parallelize), or one after another in one JVM without Spark. Run in a child
 * JVM ({@link #child}) so that each mode's peak memory is its own; the timing covers the trials only (not the JVM
 * or context start).
 */
public final class SweepThroughput {
    public static final int TEST_EXAMPLES = 1000;

    private SweepThroughput() {
    }

    public static List<SingleMachineTrainer.Trial> trials(MlpSpec spec, double lr, int n, int epochs) {
        List<SingleMachineTrainer.Trial> out = new ArrayList<>();
        for (int i = 0; i < n; i++)
            out.add(new SingleMachineTrainer.Trial(spec, OptimizerKind.SGD, lr, i, epochs, 20, DataType.FLOAT, null));
        return out;
    }

    /** Child entry: mode (parallel|sequential), trials, examples, epochs, data dir, ND4J threads (0 = default), hidden widths. */
    public static int child(String[] a) {
        String mode = a[0];
        int n = Integer.parseInt(a[1]), examples = Integer.parseInt(a[2]), epochs = Integer.parseInt(a[3]);
        String dataDir = a[4];
        int threads = Integer.parseInt(a[5]);
        MlpSpec spec = MlpSpec.paper(3072, 128, 32, 10);
        ExampleSet train = copy(DatasetId.CIFAR10.readTrain(dataDir, new Configuration()).head(examples));
        ExampleSet test = copy(DatasetId.CIFAR10.readTest(dataDir, new Configuration()).head(TEST_EXAMPLES));
        List<SingleMachineTrainer.Trial> trials = trials(spec, 0.02, n, epochs);
        LocalThreads.set(threads);
        double seconds;
        if (mode.equals("parallel")) {
            try (JavaSparkContext sc = SparkContexts.create(new TrainConfig.Spark("local[2]", "teleport4j-bench-sweep", Map.of()))) {
                Broadcast<ExampleSet> bTrain = sc.broadcast(train), bTest = sc.broadcast(test);
                sc.parallelize(List.of(1, 2), 2).count();   // executors up before the clock starts
                long t0 = System.nanoTime();
                List<Double> acc = sc.parallelize(trials, trials.size())
                        .map(t -> last(SingleMachineTrainer.run(t, bTrain.value(), bTest.value())))
                        .collect();
                seconds = (System.nanoTime() - t0) / 1e9;
                if (acc.size() != n) throw new IllegalStateException("expected " + n + " trial results, got " + acc.size());
            }
        } else {
            long t0 = System.nanoTime();
            for (SingleMachineTrainer.Trial t : trials) last(SingleMachineTrainer.run(t, train, test));
            seconds = (System.nanoTime() - t0) / 1e9;
        }
        System.out.println(String.format(Locale.ROOT, "%s trials=%d trials_seconds=%.3f", ChildJvm.PREFIX, n, seconds));
        return 0;
    }

    /** A serialisable copy (head() is a view). */
    private static ExampleSet copy(ExampleSet e) {
        return new ExampleSet(new ArrayList<>(e.records()), e.inputs(), e.classes());
    }

    private static double last(SingleMachineTrainer.Outcome o) {
        return o.metrics().get(o.metrics().size() - 1).testAccuracy();
    }
}
