package org.teleport4j.driver.spark;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LocalThreadsTest {
    @Test
    void concurrentTasksOfAMaster() {
        assertEquals(1, LocalThreads.localTasks("local", 8));
        assertEquals(2, LocalThreads.localTasks("local[2]", 8));
        assertEquals(8, LocalThreads.localTasks("local[*]", 8));
        assertEquals(4, LocalThreads.localTasks("local[4, 3]", 8));
        assertEquals(0, LocalThreads.localTasks("spark://127.0.0.1:7077", 8));
        assertEquals(0, LocalThreads.localTasks("yarn", 8));
    }

    @Test
    void threadsPerTaskShareTheCores() {
        assertEquals(1, LocalThreads.perTask("local[2]", 2));
        assertEquals(4, LocalThreads.perTask("local[2]", 8));
        assertEquals(1, LocalThreads.perTask("local[*]", 2));
        assertEquals(1, LocalThreads.perTask("local[16]", 2));
        assertEquals(0, LocalThreads.perTask("local[1]", 2), "one task keeps ND4J's defaults");
        assertEquals(0, LocalThreads.perTask("spark://h:7077", 2), "executors in other JVMs are not the driver's to set");
    }

    @Test
    void setReturnsThePreviousSettingAndZeroLeavesIt() {
        LocalThreads.Setting before = LocalThreads.current();
        assertEquals(before, LocalThreads.set(0));
        assertEquals(before, LocalThreads.current());
        LocalThreads.Setting was = LocalThreads.set(1);
        try {
            assertEquals(before, was);
            // ND4J 1.0.0-M2's Environment.setMaxThreads does nothing (its pool size is fixed at start); the master
            // threads (ND4J's own parallel loops) and OpenBLAS's threads are what can be set.
            assertEquals(1, LocalThreads.current().masterThreads());
            assertEquals(1, LocalThreads.current().blasThreads());
        } finally {
            LocalThreads.apply(before);
        }
        assertEquals(before, LocalThreads.current());
    }
}
