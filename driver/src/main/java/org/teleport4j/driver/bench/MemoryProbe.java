package org.teleport4j.driver.bench;

import org.bytedeco.javacpp.Pointer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Peak memory of this JVM: VmHWM (peak resident set, /proc/self/status) at the end, and the peaks of JavaCPP's
 * off-heap accounting (ND4J's arrays: Pointer.totalBytes; the resident size JavaCPP sees: Pointer.physicalBytes),
 * sampled every 50 ms by a daemon thread.
 */
public final class MemoryProbe {
    private volatile long offHeapPeak, physicalPeak;

    public static MemoryProbe start() {
        MemoryProbe p = new MemoryProbe();
        Thread t = new Thread(() -> {
            while (true) {
                p.sample();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-memory-probe");
        t.setDaemon(true);
        t.start();
        return p;
    }

    private void sample() {
        offHeapPeak = Math.max(offHeapPeak, Pointer.totalBytes());
        physicalPeak = Math.max(physicalPeak, Pointer.physicalBytes());
    }

    /** VmHWM in KiB from /proc/self/status, -1 when unreadable. */
    public static long vmHwmKib() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status")))
                if (l.startsWith("VmHWM:")) return Long.parseLong(l.replaceAll("[^0-9]", ""));
        } catch (Exception ignored) {
        }
        return -1;
    }

    /** key=value pairs for {@link ChildJvm} to parse. */
    public String line() {
        sample();
        return String.format(Locale.ROOT, "vmhwm_kib=%d offheap_peak_bytes=%d physical_peak_bytes=%d max_physical_bytes=%d max_bytes=%d heap_max_bytes=%d",
                vmHwmKib(), offHeapPeak, physicalPeak, Pointer.maxPhysicalBytes(), Pointer.maxBytes(), Runtime.getRuntime().maxMemory());
    }
}
