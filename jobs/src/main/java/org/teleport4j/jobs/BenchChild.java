package org.teleport4j.jobs;

import org.teleport4j.driver.bench.ChildJvm;
import org.teleport4j.driver.bench.MemoryProbe;
import org.teleport4j.driver.bench.SweepThroughput;

import java.util.Arrays;

/**
 * The bench job's child JVM: runs "teleport4j ARGS..." (the command line) or "sweep ARGS..." (one sweep mode)
 * under a {@link MemoryProbe}, then prints its peaks on a {@value ChildJvm#PREFIX} line and exits with the code.
 */
public final class BenchChild {
    private BenchChild() {
    }

    public static void main(String[] args) {
        MemoryProbe probe = MemoryProbe.start();
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int code = switch (args[0]) {
            case "teleport4j" -> Teleport4j.run(rest);
            case "sweep" -> SweepThroughput.child(rest);
            default -> throw new IllegalArgumentException("unknown child kind " + args[0]);
        };
        System.out.println(ChildJvm.PREFIX + " exit=" + code + " " + probe.line());
        System.out.flush();
        System.exit(code);
    }
}
