package org.teleport4j.ops.data;

import org.apache.hadoop.conf.Configuration;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The datasets teleport4j reads, with their on-disk layout under the data directory (see deploy/fetch-data.sh). */
public enum DatasetId {
    CIFAR10("cifar-10", 3072, 10),
    MNIST("mnist", 784, 10),
    FASHION_MNIST("fashion-mnist", 784, 10);

    private final String folder;
    private final int inputs;
    private final int classes;

    DatasetId(String folder, int inputs, int classes) {
        this.folder = folder;
        this.inputs = inputs;
        this.classes = classes;
    }

    public String folder() { return folder; }

    public int inputs() { return inputs; }

    public int classes() { return classes; }

    private String idxName(String base) {
        return this == FASHION_MNIST ? base + ".gz" : base;
    }

    /** URIs of the training files under {@code dataDir} (a path or any Hadoop FileSystem URI). */
    public List<String> trainFiles(String dataDir) {
        String dir = stripSlash(dataDir) + "/" + folder + "/";
        if (this == CIFAR10) return CifarBinary.TRAIN_FILES.stream().map(f -> dir + f).toList();
        return List.of(dir + idxName("train-images-idx3-ubyte"), dir + idxName("train-labels-idx1-ubyte"));
    }

    public List<String> testFiles(String dataDir) {
        String dir = stripSlash(dataDir) + "/" + folder + "/";
        if (this == CIFAR10) return List.of(dir + CifarBinary.TEST_FILE);
        return List.of(dir + idxName("t10k-images-idx3-ubyte"), dir + idxName("t10k-labels-idx1-ubyte"));
    }

    public ExampleSet readTrain(String dataDir, Configuration conf) {
        return read(trainFiles(dataDir), conf);
    }

    public ExampleSet readTest(String dataDir, Configuration conf) {
        return read(testFiles(dataDir), conf);
    }

    private ExampleSet read(List<String> files, Configuration conf) {
        if (this == CIFAR10) return CifarBinary.read(files, conf);
        return Idx.readExamples(files.get(0), files.get(1), classes, conf);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    public static DatasetId parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (DatasetId d : values()) if (d.folder.equals(v) || d.name().toLowerCase(Locale.ROOT).equals(v.replace("-", ""))) return d;
        if (v.equals("fashion")) return FASHION_MNIST;
        throw new IllegalArgumentException("unknown dataset '" + value + "'; allowed: " + allowed());
    }

    public static String allowed() {
        return Arrays.stream(values()).map(DatasetId::folder).toList().toString();
    }
}
