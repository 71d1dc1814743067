package org.teleport4j.driver.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.SparkPlugin;
import org.apache.spark.resource.ResourceInformation;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Binds ND4J, in every task's thread, to the GPU that Spark's resource scheduler assigned to the task
 * ({@code spark.task.resource.gpu.amount}). Enable with {@code spark.plugins=org.teleport4j.driver.spark.GpuBindingPlugin}
 * (conf/gpu.conf, conf/spark-gpu-defaults.conf).
 *
 * <p>Why a plugin: CUDA_VISIBLE_DEVICES cannot change inside a running executor JVM, and ND4J's CUDA backend
 * otherwise spreads threads over all visible devices by itself. ND4J keeps a device per thread, and Spark runs
 * {@link ExecutorPlugin#onTaskStart()} in the task's thread after its TaskContext is set, before any of the
 * task's code (dl4j-spark's training workers included) touches ND4J, so {@code AffinityManager.unsafeSetDevice}
 * there puts all of the task's arrays on its GPU. Addresses are CUDA ordinals when the discovery script lists
 * nvidia-smi indices and the executors run with CUDA_DEVICE_ORDER=PCI_BUS_ID (both set up by the conf files).
 * Tasks without a "gpu" resource (CPU runs) are left alone, and ND4J is not even loaded for them.
 */
public final class GpuBindingPlugin implements SparkPlugin {
    public static final String RESOURCE = "gpu";

    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new Binder();
    }

    /** The first GPU address assigned to a task, as a device number; empty when it has none. */
    public static OptionalInt assignedDevice(Map<String, ResourceInformation> resources) {
        ResourceInformation gpu = resources.get(RESOURCE);
        if (gpu == null || gpu.addresses().length == 0) return OptionalInt.empty();
        String address = gpu.addresses()[0].trim();
        try {
            return OptionalInt.of(Integer.parseInt(address));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("GPU address '" + address + "' is not a device number: the discovery script must "
                    + "list CUDA device ordinals (deploy/gpu-discovery.sh lists nvidia-smi indices)", e);
        }
    }

    /** Points ND4J's current thread at {@code device} and checks that it took. */
    static void bind(AffinityManager affinity, int device) {
        int devices = affinity.getNumberOfDevices();
        if (device < 0 || device >= devices)
            throw new IllegalStateException("task was assigned GPU " + device + " but ND4J sees " + devices + " device(s); "
                    + "check CUDA_VISIBLE_DEVICES and the discovery script");
        affinity.unsafeSetDevice(device);
        int now = affinity.getDeviceForCurrentThread();
        if (now != device) throw new IllegalStateException("ND4J stayed on device " + now + " after binding to GPU " + device);
    }

    static final class Binder implements ExecutorPlugin {
        private static final Logger log = LoggerFactory.getLogger(GpuBindingPlugin.class);

        @Override
        public void onTaskStart() {
            TaskContext task = TaskContext.get();
            if (task == null) return;
            OptionalInt device = assignedDevice(task.resourcesJMap());
            if (device.isEmpty()) return;
            bind(Nd4j.getAffinityManager(), device.getAsInt());
            log.info("task {} (stage {}, partition {}) bound to GPU {}", task.taskAttemptId(), task.stageId(), task.partitionId(),
                    device.getAsInt());
        }
    }
}
