package org.teleport4j.ops.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the real datasets fetched by deploy/fetch-data.sh live for tests (the build passes teleport4j.data.dir). */
public final class RealData {
    private RealData() {
    }

    public static String dir() {
        String d = System.getProperty("teleport4j.data.dir");
        if (d == null || d.isBlank()) d = System.getenv().getOrDefault("TELEPORT4J_DATA", "../data");
        return d;
    }

    /** True when every file of the dataset is present. */
    public static boolean present(DatasetId id) {
        for (String f : id.trainFiles(dir())) if (!Files.isRegularFile(Path.of(f))) return false;
        for (String f : id.testFiles(dir())) if (!Files.isRegularFile(Path.of(f))) return false;
        return true;
    }
}
