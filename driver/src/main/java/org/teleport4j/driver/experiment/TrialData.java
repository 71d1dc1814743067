package org.teleport4j.driver.experiment;

import org.apache.hadoop.conf.Configuration;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.ops.data.ExampleSet;

import java.util.ArrayList;

/** The training and test examples every trial of a trial-parallel experiment sees (read once on the driver, broadcast). */
public record TrialData(ExampleSet train, ExampleSet test) {

    /** Reads {@code data.dataset} from {@code data.dir} (any Hadoop URI), cut to the configured limits. */
    public static TrialData read(TrainConfig.Data data, Configuration hadoop) {
        ExampleSet train = data.dataset().readTrain(data.dir(), hadoop).head(data.trainLimit());
        ExampleSet test = data.dataset().readTest(data.dir(), hadoop).head(data.testLimit());
        // head() returns sub-lists, which are not serialisable: give Spark plain lists.
        return new TrialData(new ExampleSet(new ArrayList<>(train.records()), train.inputs(), train.classes()),
                new ExampleSet(new ArrayList<>(test.records()), test.inputs(), test.classes()));
    }
}
