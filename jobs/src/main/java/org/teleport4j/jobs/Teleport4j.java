package org.teleport4j.jobs;

import com.typesafe.config.ConfigException;
import org.teleport4j.driver.config.BadConfigException;
import org.teleport4j.driver.train.NonFiniteTrainingException;
import org.teleport4j.ops.data.BadDataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The teleport4j command line; `teleport4j --help` lists the jobs. */
@Command(name = "teleport4j", mixinStandardHelpOptions = true, version = "teleport4j 0.1.0",
        description = "Symmetry teleportation for distributed training on Apache Spark.",
        subcommands = {TrainCommand.class, OptimizersCommand.class, CorrelateCommand.class, GeneralizeCommand.class, SweepCommand.class,
                MetaCommand.class, BenchCommand.class},
        footer = {"", "Exit codes: 0 ok, 2 bad configuration or usage, 3 bad data, 4 runtime failure (resumable)."})
public final class Teleport4j {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (no System.exit, for tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Teleport4j());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            Throwable root = rootCause(e);
            if (root instanceof BadConfigException || root instanceof ConfigException) {
                cmd.getErr().println("teleport4j: bad configuration: " + root.getMessage());
                return ExitCodes.BAD_CONFIG;
            }
            if (root instanceof BadDataException) {
                cmd.getErr().println("teleport4j: bad data: " + root.getMessage());
                return ExitCodes.BAD_DATA;
            }
            if (root instanceof NonFiniteTrainingException) {
                cmd.getErr().println("teleport4j: " + root.getMessage());
                return ExitCodes.RUNTIME_FAILURE;
            }
            cmd.getErr().println("teleport4j: failed: " + e);
            e.printStackTrace(cmd.getErr());
            return ExitCodes.RUNTIME_FAILURE;
        });
        return cli.execute(args);
    }

    /** The first BadConfig/BadData cause (Spark wraps executor exceptions), else the exception itself. */
    static Throwable rootCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadConfigException || t instanceof BadDataException || t instanceof ConfigException
                    || t instanceof NonFiniteTrainingException) return t;
            // Spark executor failures arrive as SparkException with the executor's message only.
            if (t.getMessage() != null && t.getMessage().contains(BadDataException.class.getName()))
                return new BadDataException(t.getMessage().substring(t.getMessage().indexOf(BadDataException.class.getName())
                        + BadDataException.class.getName().length() + 2).lines().findFirst().orElse(""));
            if (t.getCause() == t) break;
        }
        return e;
    }
}
