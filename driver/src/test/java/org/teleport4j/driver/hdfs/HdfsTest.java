package org.teleport4j.driver.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.teleport4j.driver.config.ConfigLoader;
import org.teleport4j.driver.config.TrainConfig;
import org.teleport4j.driver.run.EpochMetrics;
import org.teleport4j.driver.run.RunDirectory;
import org.teleport4j.driver.sweep.SweepExperiment;
import org.teleport4j.driver.sweep.SweepReport;
import org.teleport4j.driver.sweep.SweepResult;
import org.teleport4j.driver.sweep.SweepTable;
import org.teleport4j.driver.spark.IndexedRecords;
import org.teleport4j.driver.train.LocalSpark;
import org.teleport4j.driver.train.ParameterAveragingTrainer;
import org.teleport4j.driver.train.TrainingResult;
import org.teleport4j.ops.data.CifarBinary;
import org.teleport4j.ops.data.DatasetId;
import org.teleport4j.ops.data.ExampleSet;
import org.teleport4j.ops.data.RealData;
import scala.Tuple2;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * teleport4j on a real HDFS (an in-process NameNode and DataNode from hadoop-client-minicluster): CIFAR-10
 * files read through the worker-ops reader (HadoopFiles) and through Spark's binaryRecords (IndexedRecords),
 * training whose run directory (checkpoints, metrics, _SUCCESS) lives on hdfs:// and resumes there, and a sweep
 * that reads MNIST from hdfs:// and writes its trial files, Parquet/CSV table and report there.
 */
class HdfsTest {
    static MiniDFSCluster hdfs;
    static FileSystem fs;
    static String root;
    static JavaSparkContext sc;

    @BeforeAll
    static void start() throws Exception {
        File base = new File("target/minidfs").getAbsoluteFile();
        org.apache.commons.io.FileUtils.deleteQuietly(base);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getPath());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        fs = hdfs.getFileSystem();
        root = fs.getUri().toString();
        sc = LocalSpark.start(2);
    }

    @AfterAll
    static void stop() {
        if (sc != null) sc.close();
        if (hdfs != null) hdfs.shutdown();
    }

    /** n CIFAR-10 records: label (seed + i) % 10, pixel j = (seed + 7i + j) % 256. */
    static byte[] cifarRecords(int n, int seed) {
        byte[] b = new byte[n * CifarBinary.RECORD_BYTES];
        for (int i = 0; i < n; i++) {
            b[i * CifarBinary.RECORD_BYTES] = (byte) ((seed + i) % 10);
            for (int j = 0; j < CifarBinary.PIXELS; j++) b[i * CifarBinary.RECORD_BYTES + 1 + j] = (byte) ((seed + 7 * i + j) % 256);
        }
        return b;
    }

    static void put(String uri, byte[] bytes) throws Exception {
        try (FSDataOutputStream out = fs.create(new Path(uri), true)) {
            out.write(bytes);
        }
    }

    static void copyFromLocal(java.nio.file.Path local, String uri) throws Exception {
        fs.copyFromLocalFile(false, true, new Path(local.toUri()), new Path(uri));
    }

    /** Generated CIFAR-10 files (and, where fetched, the real test_batch.bin) under hdfs:///DIR/cifar-10/. */
    static List<byte[]> writeCifar(String dataDir) throws Exception {
        List<byte[]> expected = new ArrayList<>();
        List<String> files = new ArrayList<>(DatasetId.CIFAR10.trainFiles(dataDir));
        for (int f = 0; f < files.size(); f++) {
            byte[] bytes = cifarRecords(30 + f, f * 100);
            put(files.get(f), bytes);
            for (int i = 0; i < bytes.length / CifarBinary.RECORD_BYTES; i++)
                expected.add(java.util.Arrays.copyOfRange(bytes, i * CifarBinary.RECORD_BYTES, (i + 1) * CifarBinary.RECORD_BYTES));
        }
        return expected;
    }

    @Test
    void cifarFilesOnHdfsReadTheSameThroughBothReaders() throws Exception {
        String dataDir = root + "/readers";
        List<byte[]> expected = writeCifar(dataDir);
        List<String> train = DatasetId.CIFAR10.trainFiles(dataDir);

        ExampleSet viaHadoopFiles = CifarBinary.read(train, sc.hadoopConfiguration());
        assertEquals(expected.size(), viaHadoopFiles.size());
        for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.get(i), viaHadoopFiles.records().get(i), "record " + i);

        List<Tuple2<Long, byte[]>> viaSpark = new ArrayList<>(IndexedRecords.read(sc, DatasetId.CIFAR10, train, 0).collect());
        viaSpark.sort((a, b) -> Long.compare(a._1(), b._1()));
        assertEquals(expected.size(), viaSpark.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(i, viaSpark.get(i)._1());
            assertArrayEquals(expected.get(i), viaSpark.get(i)._2(), "record " + i);
        }
        assertEquals(40, IndexedRecords.read(sc, DatasetId.CIFAR10, train, 40).count(), "a limit keeps the first records");
    }

    @Test
    void theRealCifarTestBatchOnHdfsReadsLikeTheLocalFile() throws Exception {
        java.nio.file.Path local = java.nio.file.Path.of(RealData.dir(), "cifar-10", CifarBinary.TEST_FILE);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(local), "CIFAR-10 not fetched (deploy/fetch-data.sh cifar10)");
        String uri = root + "/real/cifar-10/" + CifarBinary.TEST_FILE;
        copyFromLocal(local, uri);

        ExampleSet fromLocal = CifarBinary.read(List.of(local.toString()), new Configuration());
        ExampleSet fromHdfs = CifarBinary.read(List.of(uri), sc.hadoopConfiguration());
        assertEquals(10_000, fromHdfs.size());
        int[] perClass = new int[10];
        for (int i = 0; i < fromHdfs.size(); i++) {
            assertArrayEquals(fromLocal.records().get(i), fromHdfs.records().get(i), "record " + i);
            perClass[fromHdfs.records().get(i)[0]]++;
        }
        for (int c = 0; c < 10; c++) assertEquals(1000, perClass[c], "class " + c);
        List<Tuple2<Long, byte[]>> viaSpark = IndexedRecords.read(sc, DatasetId.CIFAR10, List.of(uri), 0).filter(t -> t._1() % 997 == 0).collect();
        assertEquals(11, viaSpark.size());
        for (Tuple2<Long, byte[]> t : viaSpark) assertArrayEquals(fromLocal.records().get(t._1().intValue()), t._2(), "record " + t._1());
    }

    /** The real MNIST files under DIR/mnist/ on HDFS. */
    static void copyMnist(String dataDir) throws Exception {
        java.nio.file.Path mnist = java.nio.file.Path.of(RealData.dir(), "mnist");
        for (String f : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"))
            copyFromLocal(mnist.resolve(f), dataDir + "/mnist/" + f);
    }

    static TrainConfig mnistOnHdfs(String runId, String dataDir) {
        return TrainConfig.from(ConfigLoader.load(List.of(), List.of("data.dataset=mnist", "data.dir=" + dataDir,
                "run.dir=" + root + "/runs", "run.id=" + runId, "model.hidden=[16, 10]", "spark.master=\"local[2]\"",
                "data.train-limit=400", "data.test-limit=200", "training.epochs=2", "training.workers=2",
                "training.averaging-frequency=3", "training.data-type=double", "optimizer.kind=adam", "optimizer.learning-rate=0.003",
                "data.shuffle=true")));
    }

    @Test
    void aRunDirectoryOnHdfsHoldsTheRunAndResumesThere() throws Exception {
        String dataDir = root + "/data";
        copyMnist(dataDir);

        TrainingResult reference = new ParameterAveragingTrainer(sc, mnistOnHdfs("uninterrupted", dataDir)).run();
        assertTrue(reference.runDir().startsWith("hdfs://"), reference.runDir());

        TrainConfig cfg = mnistOnHdfs("interrupted", dataDir);
        assertThrows(IllegalStateException.class, () -> new ParameterAveragingTrainer(sc, cfg).addHook((info, net) -> {
            if (info.epoch() == 1 && info.round() == 2) throw new IllegalStateException("simulated crash in epoch 1");
        }).run());
        String dir = root + "/runs/interrupted";
        assertFalse(fs.exists(new Path(dir, "_SUCCESS")));
        assertTrue(fs.exists(new Path(dir, "checkpoints/epoch-000000.zip")));

        TrainingResult resumed = new ParameterAveragingTrainer(sc, cfg).run();
        assertEquals(0, resumed.resumedFromEpoch());
        assertEquals(List.of(0, 1), resumed.metrics().stream().map(EpochMetrics::epoch).toList());
        double diff = resumed.network().params().sub(reference.network().params()).amaxNumber().doubleValue();
        assertTrue(diff < 1e-12, "resumed on HDFS differs from the uninterrupted run by " + diff);

        // What is on HDFS: the marker, every epoch's row once, the two checkpoints (the last loads to the result), no temp files.
        assertTrue(fs.exists(new Path(dir, "_SUCCESS")));
        assertTrue(fs.exists(new Path(dir, "config.conf")));
        String csv;
        try (InputStream in = fs.open(new Path(dir, "metrics.csv"))) {
            csv = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertEquals(3, csv.lines().count(), csv);
        List<String> names = new ArrayList<>();
        for (FileStatus s : fs.listStatus(new Path(dir, "checkpoints"))) names.add(s.getPath().getName());
        names.sort(null);
        assertEquals(List.of("epoch-000000.zip", "epoch-000001.zip", "latest.properties"), names);
        try (InputStream in = fs.open(new Path(dir, "checkpoints/epoch-000001.zip"))) {
            MultiLayerNetwork last = ModelSerializer.restoreMultiLayerNetwork(in, true);
            assertEquals(0.0, last.params().sub(resumed.network().params()).amaxNumber().doubleValue(), 1e-12);
        }

        // A finished run on HDFS is not redone.
        TrainingResult again = new ParameterAveragingTrainer(sc, cfg).run();
        assertTrue(again.alreadyComplete());
        assertEquals(2, again.metrics().size());
    }

    @Test
    void aSweepReadsItsDataFromHdfsAndWritesItsTableAndReportThere() throws Exception {
        String dataDir = root + "/sweep-data";
        copyMnist(dataDir);
        TrainConfig cfg = TrainConfig.from(ConfigLoader.load(List.of(), List.of("data.dataset=mnist", "data.dir=" + dataDir,
                "run.dir=" + root + "/sweeps", "run.id=quick", "model.hidden=[16, 10]", "spark.master=\"local[2]\"",
                "data.train-limit=200", "data.test-limit=100", "training.epochs=1", "training.data-type=double",
                "sweep.grid.\"optimizer.kind\"=[sgd, adam]")));
        List<SweepResult> results = new SweepExperiment(cfg).run(sc, new RunDirectory(cfg.runDir(), sc.hadoopConfiguration()), s -> {
        });
        assertEquals(2, results.size());

        String dir = root + "/sweeps/quick";
        for (String f : List.of("trials/kind-sgd.csv", "trials/kind-adam.csv", SweepTable.CSV, SweepTable.PARQUET + "/_SUCCESS",
                SweepReport.SUMMARY_MD, SweepReport.SUMMARY_CSV, SweepReport.HTML, SweepReport.TEST_LOSS_PNG))
            assertTrue(fs.exists(new Path(dir, f)), f + " on HDFS");
        for (FileStatus s : fs.listStatus(new Path(dir))) assertFalse(s.getPath().getName().startsWith("._tmp"), "left behind: " + s.getPath());
        String html;
        try (InputStream in = fs.open(new Path(dir, SweepReport.HTML))) {
            html = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(html.contains("plots/test-loss-by-epoch.png"), html);

        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        spark.read().parquet(dir + "/" + SweepTable.PARQUET).createOrReplaceTempView("hdfs_sweep");
        List<Row> rows = spark.sql("SELECT optimizer_kind, COUNT(*) AS n, MAX(test_accuracy) AS acc FROM hdfs_sweep "
                + "GROUP BY optimizer_kind ORDER BY optimizer_kind").collectAsList();
        assertEquals(List.of("adam", "sgd"), rows.stream().map(r -> r.getString(0)).toList());
        for (Row r : rows) assertEquals(1L, r.getLong(1));
        assertEquals(results.get(1).epochs().last().testAccuracy(), rows.get(0).getDouble(2), 0.0, "adam (the second trial)");
    }
}
