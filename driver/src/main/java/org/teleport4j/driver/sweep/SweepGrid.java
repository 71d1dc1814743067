package org.teleport4j.driver.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import org.teleport4j.driver.config.BadConfigException;
import org.teleport4j.driver.config.ConfigLoader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code sweep.grid} section: keys of the training configuration, each with a list of values; the trials
 * are their Cartesian product. Keys may be written quoted ({@code "optimizer.kind" = [sgd, adam]}) or as nested
 * objects; both name the same key. Keys are kept sorted, so the trial order does not depend on how HOCON
 * happened to order an object, and the last key varies fastest.
 */
public final class SweepGrid {
    static final String SECTION = "sweep.grid";
    /** Sections of the configuration that a training run reads, i.e. that a trial can vary. */
    private static final Set<String> TRIAL_SECTIONS = Set.of("run", "data", "model", "optimizer", "training", "teleport");
    /** Keys the sweep sets itself for every trial (its identity and where it is written). */
    private static final Set<String> RESERVED = Set.of("run.id", "run.name", "run.dir");
    /** The key whose values are repeats of one arm rather than arms of their own. */
    public static final String SEED_KEY = "run.seed";

    private final Map<String, List<ConfigValue>> values;

    private SweepGrid(Map<String, List<ConfigValue>> values) {
        this.values = values;
    }

    /** Reads and checks the grid of a merged configuration: every key known and a training setting, every list non-empty. */
    public static SweepGrid from(Config merged) {
        Config reference = ConfigLoader.reference();
        Map<String, List<ConfigValue>> values = new TreeMap<>();
        Config grid = merged.hasPath(SECTION) ? merged.getConfig(SECTION) : ConfigFactory.empty();
        for (Map.Entry<String, ConfigValue> e : grid.entrySet()) {
            String key = String.join(".", ConfigUtil.splitPath(e.getKey()));
            String where = SECTION + " key " + key;
            try {
                ConfigLoader.validateKeys(ConfigFactory.empty().withValue(ConfigUtil.joinPath(ConfigUtil.splitPath(key)), e.getValue()), reference);
            } catch (BadConfigException unknown) {
                throw new BadConfigException(SECTION + ": " + unknown.getMessage(), unknown);
            }
            String section = ConfigUtil.splitPath(key).get(0);
            if (!TRIAL_SECTIONS.contains(section) || RESERVED.contains(key))
                throw new BadConfigException(where + " cannot vary between trials: allowed are the keys of " + new java.util.TreeSet<>(TRIAL_SECTIONS)
                        + " except " + new java.util.TreeSet<>(RESERVED));
            if (reference.getValue(key).valueType() == ConfigValueType.OBJECT)
                throw new BadConfigException(where + " is a section, not a setting: name its keys (e.g. " + key + "."
                        + reference.getConfig(key).root().keySet().iterator().next() + ")");
            if (e.getValue().valueType() != ConfigValueType.LIST)
                throw new BadConfigException(where + " = " + e.getValue().render() + " must be a list of values, e.g. [a, b]");
            List<ConfigValue> list = new ArrayList<>((ConfigList) e.getValue());
            if (list.isEmpty()) throw new BadConfigException(where + " = [] needs at least one value");
            List<String> seen = new ArrayList<>();
            for (ConfigValue v : list) {
                String text = text(v);
                if (seen.contains(text)) throw new BadConfigException(where + " lists " + text + " twice");
                seen.add(text);
            }
            values.put(key, List.copyOf(list));
        }
        return new SweepGrid(values);
    }

    /** The grid keys, sorted. */
    public List<String> keys() {
        return List.copyOf(values.keySet());
    }

    /** The keys with more than one value: these tell trials apart. */
    public List<String> varyingKeys() {
        return values.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
    }

    public List<ConfigValue> values(String key) {
        return values.get(key);
    }

    /** Every combination of values, as key -> value in key order; the last key varies fastest. One empty map for an empty grid. */
    public List<Map<String, ConfigValue>> combinations() {
        List<Map<String, ConfigValue>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<ConfigValue>> e : values.entrySet()) {
            List<Map<String, ConfigValue>> next = new ArrayList<>();
            for (Map<String, ConfigValue> partial : out)
                for (ConfigValue v : e.getValue()) {
                    Map<String, ConfigValue> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            out = next;
        }
        return out;
    }

    public int size() {
        return values.values().stream().mapToInt(List::size).reduce(1, (a, b) -> a * b);
    }

    /** A value as one line of text: strings verbatim, numbers and lists as HOCON renders them ([128,32]). */
    public static String text(ConfigValue v) {
        return v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : v.render(com.typesafe.config.ConfigRenderOptions.concise());
    }
}
