package org.teleport4j.ops.curvature;

import java.util.Arrays;
import java.util.Comparator;

/** Which end of a symmetric spectrum an eigensolver targets. */
public enum EigenvalueOrder {
    /** The largest eigenvalues (lambda_max first): the Hessian's sharpest directions. */
    LARGEST,
    /** The smallest (most negative first): negative curvature, saddle points. */
    SMALLEST,
    /** Largest |lambda| first, either sign (what power iteration converges to). */
    LARGEST_MAGNITUDE;

    /** Indices of the first {@code count} of {@code ascending} (sorted ascending) in this order. */
    int[] select(double[] ascending, int count) {
        int m = ascending.length;
        int k = Math.min(count, m);
        Integer[] idx = new Integer[m];
        for (int i = 0; i < m; i++) idx[i] = i;
        Comparator<Integer> c = switch (this) {
            case LARGEST -> Comparator.comparingDouble((Integer i) -> ascending[i]).reversed();
            case SMALLEST -> Comparator.comparingDouble((Integer i) -> ascending[i]);
            case LARGEST_MAGNITUDE -> Comparator.comparingDouble((Integer i) -> Math.abs(ascending[i])).reversed();
        };
        Arrays.sort(idx, c);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) out[i] = idx[i];
        return out;
    }
}
