package org.teleport4j.driver.sweep;

import com.typesafe.config.Config;
import org.teleport4j.driver.config.Settings;

/** The {@code sweep} section: how trials run, and the grid. */
public record SweepSettings(Mode mode, SweepGrid grid) {

    public enum Mode {
        /** One Spark task trains one small model on one machine (SingleMachineTrainer); many trials at once. */
        TRIAL_PARALLEL,
        /** Each trial trains with parameter averaging across the cluster (ParameterAveragingTrainer), one trial after another. */
        DATA_PARALLEL
    }

    public static SweepSettings from(Config c) {
        Mode mode = Settings.oneOf(c, "sweep.mode", "trial-parallel", "data-parallel").equals("trial-parallel")
                ? Mode.TRIAL_PARALLEL : Mode.DATA_PARALLEL;
        return new SweepSettings(mode, SweepGrid.from(c));
    }
}
