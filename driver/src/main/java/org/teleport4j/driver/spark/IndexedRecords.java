package org.teleport4j.driver.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.teleport4j.ops.data.BadDataException;
import org.teleport4j.ops.data.CifarBinary;
import org.teleport4j.ops.data.DatasetId;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.data.Idx;
import scala.Tuple2;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset as an RDD of (position, record) pairs, records in {@link ExampleSet}'s layout (label byte, then
 * pixels). CIFAR-10 is read by the executors with Spark's binaryRecords (any Hadoop FileSystem URI); IDX
 * files, whose images and labels live in two files, are paired on the driver and parallelised.
 */
public final class IndexedRecords {
    private IndexedRecords() {
    }

    /** The first {@code limit} examples (all when limit is 0) of the files, in file order. */
    public static JavaPairRDD<Long, byte[]> read(JavaSparkContext sc, DatasetId dataset, List<String> files, int limit) {
        JavaPairRDD<Long, byte[]> indexed = dataset == DatasetId.CIFAR10 ? cifar(sc, files) : idx(sc, dataset, files, limit);
        return limit > 0 ? indexed.filter(t -> t._1() < limit) : indexed;
    }

    private static JavaPairRDD<Long, byte[]> cifar(JavaSparkContext sc, List<String> files) {
        // One binaryRecords per file keeps the file order explicit; positions continue across files.
        long offset = 0;
        JavaPairRDD<Long, byte[]> all = null;
        for (String file : files) {
            long start = offset;
            JavaPairRDD<Long, byte[]> part = sc.binaryRecords(file, CifarBinary.RECORD_BYTES)
                    .map(r -> CifarBinary.checkRecord(r, file))
                    .zipWithIndex()
                    .mapToPair(t -> new Tuple2<>(start + t._2(), t._1()));
            offset += cifarRecordsIn(file, sc.hadoopConfiguration());
            all = all == null ? part : all.union(part);
        }
        return all;
    }

    private static JavaPairRDD<Long, byte[]> idx(JavaSparkContext sc, DatasetId dataset, List<String> files, int limit) {
        ExampleSet set = Idx.readExamples(files.get(0), files.get(1), dataset.classes(), sc.hadoopConfiguration()).head(limit);
        List<Tuple2<Long, byte[]>> pairs = new ArrayList<>(set.size());
        for (int i = 0; i < set.size(); i++) pairs.add(new Tuple2<>((long) i, set.records().get(i)));
        return sc.parallelizePairs(pairs, Math.max(1, sc.defaultParallelism()));
    }

    /** Record count of a CIFAR-10 file from its length, checking that it is a whole number of records. */
    static long cifarRecordsIn(String file, Configuration conf) {
        try {
            Path p = new Path(file);
            long len = p.getFileSystem(conf).getFileStatus(p).getLen();
            if (len == 0 || len % CifarBinary.RECORD_BYTES != 0)
                throw new BadDataException(file + ": size " + len + " bytes is not a positive multiple of the "
                        + CifarBinary.RECORD_BYTES + "-byte CIFAR-10 record (truncated or not CIFAR-10 binary)");
            return len / CifarBinary.RECORD_BYTES;
        } catch (FileNotFoundException e) {
            throw new BadDataException("dataset file not found: " + file + " (run deploy/fetch-data.sh, or set data.dir)", e);
        } catch (IOException e) {
            throw new BadDataException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
