package org.teleport4j.jobs;

import com.typesafe.config.Config;
import org.teleport4j.driver.config.ConfigLoader;
import picocli.CommandLine.Option;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** The options every job shares: preset files and key=value overrides over reference.conf. */
public final class ConfigOptions {
    @Option(names = {"-p", "--preset"}, paramLabel = "FILE", description = "HOCON preset file (repeatable; later ones win), e.g. conf/quickstart.conf")
    List<File> presets = new ArrayList<>();

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Override one key, e.g. --set training.epochs=3 (repeatable; wins over presets)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--print-config", description = "Print the resolved configuration and exit")
    boolean printConfig;

    public Config load() {
        return ConfigLoader.load(presets, sets);
    }
}
