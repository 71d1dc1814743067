package org.teleport4j.driver.config;

import com.typesafe.config.Config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Typed reads of validated config values with range checks whose errors name the key, value and allowed range. */
public final class Settings {
    private Settings() {
    }

    public static int intIn(Config c, String key, int min, int max) {
        long v = c.getLong(key);
        if (v < min || v > max) throw new BadConfigException(key + " = " + v + " is out of range: allowed " + range(min, max));
        return (int) v;
    }

    public static long longValue(Config c, String key) {
        return c.getLong(key);
    }

    /** A finite double in (min, max] when {@code minExclusive}, else [min, max]. */
    public static double doubleIn(Config c, String key, double min, boolean minExclusive, double max) {
        double v = c.getDouble(key);
        boolean ok = Double.isFinite(v) && (minExclusive ? v > min : v >= min) && v <= max;
        if (!ok) throw new BadConfigException(key + " = " + v + " is out of range: allowed " + (minExclusive ? "(" : "[") + min + ", " + max + "]");
        return v;
    }

    public static String nonEmpty(Config c, String key) {
        String v = c.getString(key).trim();
        if (v.isEmpty()) throw new BadConfigException(key + " must not be empty");
        return v;
    }

    /** A name-like value (letters, digits, '.', '_', '-'), safe as a path segment. */
    public static String name(Config c, String key, boolean allowEmpty) {
        String v = c.getString(key).trim();
        if (v.isEmpty() && allowEmpty) return v;
        if (!v.matches("[A-Za-z0-9._-]+") || v.startsWith("."))
            throw new BadConfigException(key + " = \"" + v + "\" is not a valid name: use letters, digits, '.', '_' and '-'");
        return v;
    }

    public static String oneOf(Config c, String key, String... allowed) {
        String v = c.getString(key).trim().toLowerCase(Locale.ROOT);
        if (!Arrays.asList(allowed).contains(v))
            throw new BadConfigException(key + " = \"" + c.getString(key) + "\" is not allowed: allowed " + Arrays.toString(allowed));
        return v;
    }

    /** Parses with an enum-style parser whose IllegalArgumentException lists the allowed values. */
    public static <T> T parsed(Config c, String key, Function<String, T> parser) {
        try {
            return parser.apply(c.getString(key));
        } catch (IllegalArgumentException e) {
            throw new BadConfigException(key + ": " + e.getMessage(), e);
        }
    }

    public static int[] positiveInts(Config c, String key, int minSize, int max) {
        List<Integer> list = c.getIntList(key);
        if (list.size() < minSize) throw new BadConfigException(key + " = " + list + " needs at least " + minSize + " entries");
        for (int v : list)
            if (v < 1 || v > max) throw new BadConfigException(key + " = " + list + ": every entry must be in " + range(1, max));
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String range(long min, long max) {
        return "[" + min + ", " + (max == Integer.MAX_VALUE ? "inf" : String.valueOf(max)) + "]";
    }
}
