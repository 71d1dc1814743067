package org.teleport4j.driver.spark;

import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.*;

/** Which device a task is bound to, and the binding itself against a recording affinity manager. */
class GpuBindingPluginTest {

    @Test
    void theFirstAssignedGpuAddressIsTheDevice() {
        assertEquals(OptionalInt.of(3), GpuBindingPlugin.assignedDevice(Map.of("gpu", new ResourceInformation("gpu", new String[]{"3"}))));
        assertEquals(OptionalInt.of(1), GpuBindingPlugin.assignedDevice(Map.of("gpu", new ResourceInformation("gpu", new String[]{" 1", "2"}))));
    }

    @Test
    void tasksWithoutAGpuAreLeftAlone() {
        assertEquals(OptionalInt.empty(), GpuBindingPlugin.assignedDevice(Map.of()));
        assertEquals(OptionalInt.empty(), GpuBindingPlugin.assignedDevice(Map.of("fpga", new ResourceInformation("fpga", new String[]{"0"}))));
        assertEquals(OptionalInt.empty(), GpuBindingPlugin.assignedDevice(Map.of("gpu", new ResourceInformation("gpu", new String[0]))));
    }

    @Test
    void anAddressThatIsNotADeviceNumberIsRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GpuBindingPlugin.assignedDevice(Map.of("gpu", new ResourceInformation("gpu", new String[]{"GPU-5f2c"}))));
        assertTrue(e.getMessage().contains("GPU-5f2c"), e.getMessage());
    }

    /** An affinity manager with {@code devices} devices that records unsafeSetDevice and reports it back. */
    static AffinityManager recording(int devices, List<Integer> calls, boolean obeys) {
        int[] current = {0};
        return (AffinityManager) Proxy.newProxyInstance(AffinityManager.class.getClassLoader(), new Class<?>[]{AffinityManager.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getNumberOfDevices" -> devices;
                    case "unsafeSetDevice" -> {
                        calls.add((Integer) args[0]);
                        if (obeys) current[0] = (Integer) args[0];
                        yield null;
                    }
                    case "getDeviceForCurrentThread" -> current[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void bindingSetsTheThreadsDevice() {
        List<Integer> calls = new ArrayList<>();
        GpuBindingPlugin.bind(recording(4, calls, true), 2);
        assertEquals(List.of(2), calls);
    }

    @Test
    void aDeviceNd4jDoesNotSeeOrDoesNotTakeIsAnError() {
        List<Integer> calls = new ArrayList<>();
        IllegalStateException unseen = assertThrows(IllegalStateException.class, () -> GpuBindingPlugin.bind(recording(2, calls, true), 2));
        assertTrue(unseen.getMessage().contains("sees 2 device(s)"), unseen.getMessage());
        assertEquals(List.of(), calls);
        assertThrows(IllegalStateException.class, () -> GpuBindingPlugin.bind(recording(2, calls, false), 1));
    }

    @Test
    void onTheCpuBackendDeviceZeroBindsAsANoOp() {
        // What the CPU build does when Spark hands a task a GPU (as in StandaloneClusterIT's stand-in GPU).
        assertDoesNotThrow(() -> GpuBindingPlugin.bind(Nd4j.getAffinityManager(), 0));
        assertNull(new GpuBindingPlugin().driverPlugin());
        assertNotNull(new GpuBindingPlugin().executorPlugin());
    }
}
