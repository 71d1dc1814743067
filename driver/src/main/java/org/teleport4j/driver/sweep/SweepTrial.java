package org.teleport4j.driver.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import org.teleport4j.driver.config.BadConfigException;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.teleport.NetworkTeleport;
import org.teleport4j.driver.train.SingleMachineTrainer;
import org.teleport4j.ops.math.NetArchitecture;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One point of the grid: its id, its value of every grid key, its arm (the values of every key but the seed) and
 * its validated training configuration.
 *
 * @param id     stable across runs: built from the values of the varying keys only (e.g. {@code kind-adam__seed-1})
 * @param values grid key -> value as text, in key order
 * @param arm    the non-seed varying values (e.g. {@code optimizer.kind=adam teleport.mode=off}); "all" when none vary
 */
public record SweepTrial(String id, Map<String, String> values, String arm, TrainConfig config) {

    /** Every trial of the grid over {@code base}, each parsed like any training configuration (so each is validated now). */
    public static List<SweepTrial> all(Config base, SweepGrid grid, String trialsDir) {
        List<String> varying = grid.varyingKeys();
        Map<String, String> labels = labels(varying);
        List<SweepTrial> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Map<String, ConfigValue> point : grid.combinations()) {
            Map<String, String> values = new LinkedHashMap<>();
            Config c = base;
            for (Map.Entry<String, ConfigValue> e : point.entrySet()) {
                values.put(e.getKey(), SweepGrid.text(e.getValue()));
                c = c.withValue(ConfigUtil.joinPath(ConfigUtil.splitPath(e.getKey())), e.getValue());
            }
            String id = varying.isEmpty() ? "base" : varying.stream()
                    .map(k -> labels.get(k) + "-" + safe(values.get(k))).collect(Collectors.joining("__"));
            if (!ids.add(id)) throw new BadConfigException(SweepGrid.SECTION + ": two trials would share the id " + id
                    + " (values that differ only in characters other than letters, digits, '.' and '-')");
            String arm = varying.stream().filter(k -> !k.equals(SweepGrid.SEED_KEY)).map(k -> k + "=" + values.get(k))
                    .collect(Collectors.joining(" "));
            c = c.withValue("run.id", ConfigValueFactory.fromAnyRef(id)).withValue("run.dir", ConfigValueFactory.fromAnyRef(trialsDir));
            TrainConfig trial;
            try {
                trial = TrainConfig.from(c);
            } catch (BadConfigException e) {
                throw new BadConfigException("sweep trial " + id + ": " + e.getMessage(), e);
            }
            out.add(new SweepTrial(id, values, arm.isEmpty() ? "all" : arm, trial));
        }
        return out;
    }

    /** The settings of this trial for {@link SingleMachineTrainer} (trial-parallel mode). */
    public SingleMachineTrainer.Trial singleMachine() {
        TrainConfig c = config;
        double lr = c.optimizer().learningRate();
        NetworkTeleport tp = c.teleport().active() ? new NetworkTeleport(c.teleport(), NetArchitecture.classifier(c.modelSpec()), lr) : null;
        return new SingleMachineTrainer.Trial(c.modelSpec(), c.optimizer().kind(), lr, c.run().seed(), c.training().epochs(),
                c.training().batchSize(), c.training().dataType(), tp);
    }

    /** A key's name in ids: its last part (kind, seed), or the whole key with '-' for '.' where last parts would clash. */
    static Map<String, String> labels(List<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : keys) {
            String last = k.substring(k.lastIndexOf('.') + 1);
            boolean clash = keys.stream().filter(o -> o.substring(o.lastIndexOf('.') + 1).equals(last)).count() > 1;
            out.put(k, clash ? k.replace('.', '-') : last);
        }
        return out;
    }

    /** A value as a file-name segment: letters, digits, '.' and '-' kept, anything else '_'. */
    static String safe(String value) {
        String s = value.replaceAll("[^A-Za-z0-9.-]", "_");
        return s.isEmpty() ? "_" : s;
    }
}
