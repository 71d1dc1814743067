package org.teleport4j.driver.run;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Checkpoints in {@code checkpoints/}: the network with its updater state (DL4J's model zip), written
 * atomically, then a small pointer file {@code checkpoints/latest.properties} naming it with the epoch and
 * the run's seed. The pointer is written last, so it always names a complete checkpoint.
 */
public final class CheckpointStore {
    static final String DIR = "checkpoints";
    static final String POINTER = DIR + "/latest.properties";
    private final RunDirectory dir;
    private final int keep;

    /** What a checkpoint records besides the network. */
    public record Checkpoint(int epoch, long seed, long globalRound, String modelFile) {
    }

    public CheckpointStore(RunDirectory dir, int keep) {
        this.dir = dir;
        this.keep = keep;
    }

    public void save(MultiLayerNetwork net, Checkpoint meta) {
        dir.write(meta.modelFile(), out -> ModelSerializer.writeModel(net, out, true));
        Properties p = new Properties();
        p.setProperty("epoch", Integer.toString(meta.epoch()));
        p.setProperty("seed", Long.toString(meta.seed()));
        p.setProperty("global-round", Long.toString(meta.globalRound()));
        p.setProperty("model", meta.modelFile());
        dir.write(POINTER, out -> p.store(out, "teleport4j checkpoint"));
        prune();
    }

    public static String modelFileFor(int epoch) {
        return String.format(Locale.ROOT, "%s/epoch-%06d.zip", DIR, epoch);
    }

    public Optional<Checkpoint> latest() {
        if (!dir.exists(POINTER)) return Optional.empty();
        Properties p = new Properties();
        try {
            p.load(new StringReader(dir.readText(POINTER)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new Checkpoint(Integer.parseInt(p.getProperty("epoch")), Long.parseLong(p.getProperty("seed")),
                Long.parseLong(p.getProperty("global-round")), p.getProperty("model")));
    }

    /** The network and updater state of a checkpoint. */
    public MultiLayerNetwork load(Checkpoint c) {
        try (InputStream in = dir.open(c.modelFile())) {
            return ModelSerializer.restoreMultiLayerNetwork(in, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore checkpoint " + dir.path(c.modelFile()) + ": " + e.getMessage(), e);
        }
    }

    private void prune() {
        List<String> models = dir.list(DIR).stream().filter(n -> n.startsWith("epoch-") && n.endsWith(".zip")).toList();
        for (int i = 0; i < models.size() - keep; i++) dir.delete(DIR + "/" + models.get(i));
    }
}
