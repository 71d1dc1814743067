package org.teleport4j.driver.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import org.nd4j.linalg.api.buffer.DataType;
import org.teleport4j.ops.data.DatasetId;
import org.teleport4j.ops.model.HiddenActivation;
import org.teleport4j.ops.model.MlpSpec;
import org.teleport4j.ops.model.OptimizerKind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import static org.teleport4j.driver.config.Settings.*;

/** The immutable, validated settings of a training run, parsed once from the merged configuration. */
public record TrainConfig(Config raw, Run run, Data data, Model model, Optimizer optimizer, Training training,
                          TeleportConfig teleport, Spark spark) {

    public record Run(String name, String id, String dir, long seed, int keepCheckpoints) {
    }

    public record Data(DatasetId dataset, String dir, int trainLimit, int testLimit, boolean shuffle) {
    }

    public record Model(int[] hidden, HiddenActivation activation, double leakySlope, boolean biases) {
        /** The network for a dataset: its input width, the hidden widths, its class count. */
        public MlpSpec spec(DatasetId dataset) {
            int[] widths = new int[hidden.length + 2];
            widths[0] = dataset.inputs();
            System.arraycopy(hidden, 0, widths, 1, hidden.length);
            widths[widths.length - 1] = dataset.classes();
            return new MlpSpec(widths, activation, leakySlope, biases);
        }
    }

    public record Optimizer(OptimizerKind kind, double learningRate) {
    }

    public enum TrainLoss { FULL, RUNNING }

    public record Training(int epochs, int batchSize, int averagingFrequency, int workers, DataType dataType, TrainLoss trainLoss) {
    }

    public record Spark(String master, String appName, Map<String, String> conf) {
    }

    public static TrainConfig from(Config c) {
        try {
            return parse(c);
        } catch (com.typesafe.config.ConfigException e) {
            // A value of the wrong type (e.g. a word where a number belongs); the message names the key.
            throw new BadConfigException("invalid configuration: " + e.getMessage(), e);
        }
    }

    private static TrainConfig parse(Config c) {
        Run run = new Run(name(c, "run.name", false), name(c, "run.id", true), nonEmpty(c, "run.dir"),
                longValue(c, "run.seed"), intIn(c, "run.keep-checkpoints", 1, 1000));
        Data data = new Data(parsed(c, "data.dataset", DatasetId::parse), dataDir(c.getString("data.dir")),
                intIn(c, "data.train-limit", 0, Integer.MAX_VALUE), intIn(c, "data.test-limit", 0, Integer.MAX_VALUE),
                c.getBoolean("data.shuffle"));
        Model model = new Model(positiveInts(c, "model.hidden", 1, 1 << 16), parsed(c, "model.activation", HiddenActivation::parse),
                doubleIn(c, "model.leaky-slope", 0, false, 0.999), c.getBoolean("model.biases"));
        Optimizer optimizer = new Optimizer(parsed(c, "optimizer.kind", OptimizerKind::parse),
                doubleIn(c, "optimizer.learning-rate", 0, true, 10));
        Training training = new Training(intIn(c, "training.epochs", 1, 100_000), intIn(c, "training.batch-size", 1, 1 << 20),
                intIn(c, "training.averaging-frequency", 1, 1 << 20), intIn(c, "training.workers", 0, 4096),
                oneOf(c, "training.data-type", "float", "double").equals("float") ? DataType.FLOAT : DataType.DOUBLE,
                TrainLoss.valueOf(oneOf(c, "training.train-loss", "full", "running").toUpperCase()));
        Map<String, String> sparkConf = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : c.getConfig("spark.conf").entrySet())
            sparkConf.put(e.getKey().replace("\"", ""), String.valueOf(e.getValue().unwrapped()));
        Spark spark = new Spark(nonEmpty(c, "spark.master"), nonEmpty(c, "spark.app-name"), Map.copyOf(sparkConf));
        TeleportConfig teleport = TeleportConfig.from(c, model.activation());
        // A learned teleport policy must fit the network: checked here, before Spark starts (the file is read once).
        if (teleport.learned())
            org.teleport4j.driver.teleport.LearnedPolicyFile.check(teleport, org.teleport4j.ops.math.NetArchitecture.classifier(model.spec(data.dataset())));
        return new TrainConfig(c, run, data, model, optimizer, training, teleport, spark);
    }

    /** Empty means $TELEPORT4J_DATA, else ./data. */
    static String dataDir(String configured) {
        if (!configured.isBlank()) return configured.trim();
        String env = System.getenv("TELEPORT4J_DATA");
        return env != null && !env.isBlank() ? env : "data";
    }

    /**
     * The teleport section with some keys replaced (e.g. {"teleport.mode": "teleport", "teleport.group": "form-a"}),
     * validated like any other configuration: how the experiment jobs build the teleport of each arm.
     */
    public TeleportConfig teleportWith(Map<String, ?> overrides) {
        Config c = raw;
        for (Map.Entry<String, ?> e : overrides.entrySet())
            c = c.withValue(e.getKey(), com.typesafe.config.ConfigValueFactory.fromAnyRef(e.getValue()));
        return from(c).teleport();
    }

    public MlpSpec modelSpec() {
        return model.spec(data.dataset);
    }

    /** The run id: run.id when set, else name-hash, where the hash covers the resolved config (run.id excluded). */
    public String runId() {
        if (!run.id.isEmpty()) return run.id;
        String text = ConfigLoader.render(raw.withoutPath("run.id").withoutPath("data.dir").withoutPath("run.dir"));
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return run.name + "-" + HexFormat.of().formatHex(h, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The run directory: run.dir/runId (a path or Hadoop URI). */
    public String runDir() {
        String base = run.dir.endsWith("/") ? run.dir.substring(0, run.dir.length() - 1) : run.dir;
        return base + "/" + runId();
    }
}
