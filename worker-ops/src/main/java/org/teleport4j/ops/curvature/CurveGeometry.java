package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Curvature of a curve in R^N from its first two derivatives at a point. */
public final class CurveGeometry {
    private CurveGeometry() {
    }

    /**
     * kappa = sqrt(|g'|^2 |g''|^2 - (g' . g'')^2) / |g'|^3: the norm of the acceleration's component normal to the
     * velocity, divided by the squared speed. Invariant under rotations and reparametrisation t -> c t; a circle
     * of radius r gives 1/r. The radicand is clamped at zero against rounding (a straight line gives 0, not NaN).
     */
    public static double curvature(INDArray velocity, INDArray acceleration) {
        double vv = velocity.mul(velocity).sumNumber().doubleValue();
        double aa = acceleration.mul(acceleration).sumNumber().doubleValue();
        double va = velocity.mul(acceleration).sumNumber().doubleValue();
        return Math.sqrt(Math.max(vv * aa - va * va, 0.0)) / Math.pow(vv, 1.5);
    }
}
