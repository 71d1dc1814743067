package org.teleport4j.jobs;

import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** deploy/gpu-discovery.sh against stand-in nvidia-smi programs; its output is read with Spark's own parser. */
class GpuDiscoveryScriptTest {
    static final Path SCRIPT = Path.of("..", "deploy", "gpu-discovery.sh").toAbsolutePath().normalize();

    @TempDir
    Path bin;

    private record Run(int code, String stdout, String stderr) {
    }

    private Run discover() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", SCRIPT.toString());
        pb.environment().put("PATH", bin.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out.trim(), err);
    }

    private void nvidiaSmi(String body) throws Exception {
        Path f = bin.resolve("nvidia-smi");
        Files.writeString(f, "#!/bin/bash\n" + body + "\n");
        assertTrue(f.toFile().setExecutable(true));
    }

    @Test
    void listsEveryGpuIndexAsSparkResourceJson() throws Exception {
        // What nvidia-smi --query-gpu=index --format=csv,noheader,nounits prints on a 4-GPU machine.
        nvidiaSmi("[[ \"$*\" == *--query-gpu=index* ]] || exit 9; printf '0\\n1\\n2\\n3\\n'");
        Run r = discover();
        assertEquals(0, r.code(), r.stderr());
        ResourceInformation gpu = ResourceInformation.parseJson(r.stdout());
        assertEquals("gpu", gpu.name());
        assertArrayEquals(new String[]{"0", "1", "2", "3"}, gpu.addresses());
    }

    @Test
    void noDriverIsAnErrorNotAnEmptyList() throws Exception {
        Run r = discover();
        assertEquals(1, r.code());
        assertTrue(r.stderr().contains("nvidia-smi not found"), r.stderr());
        assertEquals("", r.stdout());
    }

    @Test
    void aFailingNvidiaSmiIsAnError() throws Exception {
        nvidiaSmi("echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver' >&2; exit 9");
        Run r = discover();
        assertEquals(1, r.code());
        assertTrue(r.stderr().contains("nvidia-smi failed"), r.stderr());
    }
}
