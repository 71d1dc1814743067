package org.teleport4j.ops.math;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A flat DL4J parameter-shaped vector (parameters, a gradient, a direction) split into per-layer blocks:
 * W_m [d_m, d_{m+1}] and, when the layers have biases, b_m [1, d_{m+1}]. The public factories
 * ({@link #split}, {@link #of}) make private DOUBLE copies, never views into the caller's array; blocks
 * are not modified after construction, and every "change" builds a new ParamBlocks, so the math stays
 * pure. (Inside this package, results are written once into fresh flat buffers and directions are read
 * through views, to save copies of the CIFAR-size first layer.)
 */
public final class ParamBlocks {
    private final NetArchitecture arch;
    private final INDArray[] weights;
    private final INDArray[] biases;
    /** The flat [1, N] buffer the blocks are views of, for blocks made by {@link #allocate}; else null. */
    private final INDArray backing;

    private ParamBlocks(NetArchitecture arch, INDArray[] weights, INDArray[] biases, INDArray backing) {
        this.arch = arch;
        this.weights = weights;
        this.biases = biases;
        this.backing = backing;
    }

    private ParamBlocks(NetArchitecture arch, INDArray[] weights, INDArray[] biases) {
        this(arch, weights, biases, null);
    }

    /** Splits a flat vector ([1, N] or [N], any float type: converted to DOUBLE) in DL4J's layout. */
    public static ParamBlocks split(NetArchitecture arch, INDArray flat) {
        if (flat.length() != arch.parameterCount())
            throw new IllegalArgumentException("flat vector has " + flat.length() + " entries, " + arch + " needs " + arch.parameterCount());
        INDArray v = flat.castTo(DataType.DOUBLE).reshape(flat.length());
        int layers = arch.layerCount();
        INDArray[] w = new INDArray[layers];
        INDArray[] b = new INDArray[layers];
        for (int m = 0; m < layers; m++) {
            int nIn = arch.width(m), nOut = arch.width(m + 1);
            long off = arch.weightOffset(m);
            // DL4J stores W column-major: entry (i, j) at off + i + j * nIn.
            w[m] = v.get(NDArrayIndex.interval(off, off + (long) nIn * nOut)).reshape('f', nIn, nOut).dup('f');
            if (arch.biases()) {
                long bo = arch.biasOffset(m);
                b[m] = v.get(NDArrayIndex.interval(bo, bo + nOut)).reshape(1, nOut).dup();
            }
        }
        return new ParamBlocks(arch, w, b);
    }

    /** Builds blocks from per-layer arrays (copied); {@code biases} may be null for bias-free nets. */
    public static ParamBlocks of(NetArchitecture arch, List<INDArray> weights, List<INDArray> biases) {
        int layers = arch.layerCount();
        if (weights.size() != layers) throw new IllegalArgumentException("need " + layers + " weight blocks, got " + weights.size());
        INDArray[] w = new INDArray[layers];
        INDArray[] b = new INDArray[layers];
        for (int m = 0; m < layers; m++) {
            long[] shape = {arch.width(m), arch.width(m + 1)};
            w[m] = checkedCopy(weights.get(m), shape, "W_" + m).dup('f');
            if (arch.biases()) b[m] = checkedCopy(biases.get(m).reshape(1, arch.width(m + 1)), new long[]{1, arch.width(m + 1)}, "b_" + m);
        }
        return new ParamBlocks(arch, w, b);
    }

    /**
     * Zeroed blocks that are 'f'-ordered views into one fresh flat [1, N] buffer ({@link #backing}): a
     * gemm can write a gradient block straight into its place in DL4J's layout, so the flat result needs
     * no final copy. For computations in this package that own the result.
     */
    static ParamBlocks allocate(NetArchitecture arch) {
        INDArray flat = Nd4j.zeros(DataType.DOUBLE, 1, arch.parameterCount());
        ParamBlocks views = viewsInto(arch, flat);
        return new ParamBlocks(arch, views.weights, views.biases, flat);
    }

    /**
     * Read-only views of a flat DOUBLE vector's blocks, without copying (for a direction v that is only
     * read); any other input falls back to {@link #split}. Nothing may write through these views.
     */
    static ParamBlocks viewsOf(NetArchitecture arch, INDArray flat) {
        if (flat.dataType() != DataType.DOUBLE || flat.length() != arch.parameterCount()) return split(arch, flat);
        return viewsInto(arch, flat);
    }

    private static ParamBlocks viewsInto(NetArchitecture arch, INDArray flat) {
        INDArray v = flat.reshape(flat.length());
        int layers = arch.layerCount();
        INDArray[] w = new INDArray[layers];
        INDArray[] b = new INDArray[layers];
        for (int m = 0; m < layers; m++) {
            int nIn = arch.width(m), nOut = arch.width(m + 1);
            long off = arch.weightOffset(m);
            w[m] = v.get(NDArrayIndex.interval(off, off + (long) nIn * nOut)).reshape('f', nIn, nOut);
            if (arch.biases()) {
                long bo = arch.biasOffset(m);
                b[m] = v.get(NDArrayIndex.interval(bo, bo + nOut)).reshape(1, nOut);
            }
        }
        return new ParamBlocks(arch, w, b);
    }

    /** The flat buffer behind blocks made by {@link #allocate} (the caller then owns it), else null. */
    INDArray backing() {
        return backing;
    }

    private static INDArray checkedCopy(INDArray a, long[] shape, String name) {
        if (!Arrays.equals(a.shape(), shape))
            throw new IllegalArgumentException(name + " has shape " + Arrays.toString(a.shape()) + ", expected " + Arrays.toString(shape));
        return a.castTo(DataType.DOUBLE).dup();
    }

    public NetArchitecture architecture() {
        return arch;
    }

    /** W_m, [d_m, d_{m+1}]. Do not modify. */
    public INDArray weight(int m) {
        return weights[m];
    }

    /** b_m, [1, d_{m+1}], or null when the layers have no biases. Do not modify. */
    public INDArray bias(int m) {
        return biases[m];
    }

    /** A copy with layer m's blocks replaced ({@code bias} ignored for bias-free nets). */
    public ParamBlocks withLayer(int m, INDArray weight, INDArray bias) {
        INDArray[] w = weights.clone();
        INDArray[] b = biases.clone();
        w[m] = weight;
        if (arch.biases()) b[m] = bias;
        return new ParamBlocks(arch, w, b);
    }

    /** The flat vector [1, N] in DL4J's layout, DOUBLE. */
    public INDArray flatten() {
        List<INDArray> parts = new ArrayList<>(2 * weights.length);
        for (int m = 0; m < weights.length; m++) {
            parts.add(weights[m]);
            if (arch.biases()) parts.add(biases[m]);
        }
        // toFlattened('f', ...) flattens each block column-major and concatenates: DL4J's layout.
        return Nd4j.toFlattened('f', parts).reshape(1, arch.parameterCount());
    }
}
