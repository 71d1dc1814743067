package org.teleport4j.jobs;

import org.teleport4j.driver.run.EpochMetrics;
import org.teleport4j.driver.train.RoundInfo;
import org.teleport4j.driver.train.TrainingProgress;

import java.io.PrintStream;
import java.util.Locale;

/** Progress on the console: a line per epoch, and round progress about every tenth of an epoch. */
final class ConsoleProgress implements TrainingProgress {
    private final PrintStream out;
    private final String label;

    ConsoleProgress(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public void onStart(String runId, String runDir, int startEpoch, int epochs, int roundsPerEpoch, long examples, int workers) {
        out.printf(Locale.ROOT, "%srun %s: %d training examples, %d workers, %d averaging rounds per epoch%s%n", label, runId, examples,
                workers, roundsPerEpoch, startEpoch > 0 ? ", resuming after epoch " + (startEpoch - 1) : "");
        out.printf(Locale.ROOT, "%s%-7s %-12s %-12s %-9s %s%n", label, "epoch", "train_loss", "test_loss", "test_acc", "seconds");
    }

    @Override
    public void onRound(RoundInfo info) {
        int tenth = Math.max(1, info.roundsPerEpoch() / 10);
        if ((info.round() + 1) % tenth == 0 && info.round() + 1 < info.roundsPerEpoch())
            out.printf(Locale.ROOT, "%s  epoch %d: round %d/%d, minibatch loss %.4f%n", label, info.epoch() + 1, info.round() + 1,
                    info.roundsPerEpoch(), info.score());
    }

    @Override
    public void onEpoch(EpochMetrics m, int epochs) {
        out.printf(Locale.ROOT, "%s%-7s %-12.5f %-12.5f %-9.4f %.1f%n", label, (m.epoch() + 1) + "/" + epochs, m.trainLoss(), m.testLoss(),
                m.testAccuracy(), m.epochSeconds());
    }
}
