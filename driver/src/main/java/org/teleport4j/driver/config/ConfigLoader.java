package org.teleport4j.driver.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the one validated configuration of a run: `--set` overrides, then preset files (later ones win),
 * then reference.conf (every key and its default). Keys are relative to the {@code teleport4j} root.
 * Unknown keys and wrong types are rejected here, before any work starts; ranges are checked by the typed
 * settings that read the result.
 */
public final class ConfigLoader {
    public static final String ROOT = "teleport4j";
    /**
     * Free-form subtrees: their keys are passed through here (Spark settings) or checked by their reader
     * (the sweep grid names keys of the training configuration, checked by SweepGrid).
     */
    private static final List<String> OPEN_SUBTREES = List.of("spark.conf", "sweep.grid");

    private ConfigLoader() {
    }

    /** Every key and default, from reference.conf on the classpath. */
    public static Config reference() {
        Config all = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf");
        if (!all.hasPath(ROOT)) throw new IllegalStateException("reference.conf with a '" + ROOT + "' block is not on the classpath");
        return all.getConfig(ROOT);
    }

    public static Config load(List<File> presets, List<String> sets) {
        Config reference = reference();
        Config user = ConfigFactory.empty();
        for (String set : sets) user = parseSet(set, reference).withFallback(user);
        for (int i = presets.size() - 1; i >= 0; i--) user = user.withFallback(parsePreset(presets.get(i)));
        validateKeys(user, reference);
        Config merged = user.withFallback(reference).resolve();
        try {
            merged.checkValid(reference);
        } catch (ConfigException.ValidationFailed e) {
            StringBuilder sb = new StringBuilder("invalid configuration:");
            for (ConfigException.ValidationProblem p : e.problems())
                sb.append("\n  ").append(p.path()).append(": ").append(p.problem());
            throw new BadConfigException(sb.toString(), e);
        }
        return merged;
    }

    static Config parsePreset(File file) {
        if (!file.isFile()) throw new BadConfigException("preset file not found: " + file);
        try {
            Config c = ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(ConfigSyntax.CONF));
            // Accept presets written with or without the root prefix.
            return c.hasPath(ROOT) && c.root().size() == 1 ? c.getConfig(ROOT) : c;
        } catch (ConfigException e) {
            throw new BadConfigException("cannot parse preset " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses one {@code key=value}. Where the reference value is a string the value is taken verbatim
     * (so hdfs://host/path needs no quoting); otherwise it is parsed as HOCON ([64, 32], true, 1e-3).
     */
    static Config parseSet(String set, Config reference) {
        int eq = set.indexOf('=');
        if (eq <= 0) throw new BadConfigException("--set expects key=value, got '" + set + "'");
        String key = set.substring(0, eq).trim();
        if (key.startsWith(ROOT + ".")) key = key.substring(ROOT.length() + 1);
        String value = set.substring(eq + 1).trim();
        try {
            ConfigValue ref = reference.hasPathOrNull(key) ? reference.getValue(key) : null;
            if (ref != null && ref.valueType() == ConfigValueType.STRING) {
                String s = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
                return ConfigFactory.empty().withValue(key, ConfigValueFactory.fromAnyRef(s));
            }
            return ConfigFactory.parseString(key + " = " + value);
        } catch (ConfigException e) {
            throw new BadConfigException("cannot parse --set " + set + ": " + e.getMessage(), e);
        }
    }

    /** Rejects keys of {@code user} that {@code reference} does not have, naming them and the known keys nearby. */
    public static void validateKeys(Config user, Config reference) {
        TreeSet<String> unknown = new TreeSet<>();
        for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
            String path = e.getKey();
            if (OPEN_SUBTREES.stream().anyMatch(p -> path.startsWith(p + "."))) continue;
            if (!reference.hasPathOrNull(path)) unknown.add(path);
        }
        if (!unknown.isEmpty()) {
            StringBuilder sb = new StringBuilder("unknown configuration key" + (unknown.size() > 1 ? "s" : "") + ":");
            for (String k : unknown) sb.append("\n  ").append(k).append(suggestion(k, reference));
            throw new BadConfigException(sb.toString());
        }
    }

    private static String suggestion(String key, Config reference) {
        int dot = key.lastIndexOf('.');
        String parent = dot < 0 ? "" : key.substring(0, dot);
        Config scope = parent.isEmpty() ? reference : reference.hasPath(parent) ? reference.getConfig(parent) : null;
        if (scope == null) return " (known sections: " + reference.root().keySet() + ")";
        return " (known keys here: " + new TreeSet<>(scope.root().keySet()) + ")";
    }

    /** The resolved configuration as HOCON text, keys sorted, for the run directory and the run id. */
    public static String render(Config config) {
        return config.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false).setJson(false).setFormatted(true));
    }
}
