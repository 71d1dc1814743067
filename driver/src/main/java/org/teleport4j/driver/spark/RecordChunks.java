package org.teleport4j.driver.spark;

import org.apache.spark.api.java.JavaRDD;

import java.util.ArrayList;
import java.util.List;

/** Groups records into chunks within each partition, so per-partition math works on batches, not rows. */
public final class RecordChunks {
    public static final int DEFAULT_SIZE = 500;

    private RecordChunks() {
    }

    public static JavaRDD<List<byte[]>> of(JavaRDD<byte[]> records, int size) {
        return records.mapPartitions(it -> {
            List<List<byte[]>> out = new ArrayList<>();
            List<byte[]> cur = new ArrayList<>(size);
            while (it.hasNext()) {
                cur.add(it.next());
                if (cur.size() == size) {
                    out.add(cur);
                    cur = new ArrayList<>(size);
                }
            }
            if (!cur.isEmpty()) out.add(cur);
            return out.iterator();
        });
    }
}
