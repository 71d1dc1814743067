package org.teleport4j.ops.curvature;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.symmetry.FormB;
import org.teleport4j.ops.symmetry.GroupAction;
import org.teleport4j.ops.symmetry.Tangent;

import java.util.ArrayList;
import java.util.List;

/**
 * One-parameter subgroups of Form B: hidden layer m moves by exp(t_m M_m) for fixed generators M_m, so the group
 * parameters are the scalars t_m (blocks [1, 1]); the paper's curvature teleport steps along one such curve with
 * a scalar t. apply = Form B with T_m = exp(t_m M_m) - I; the pull-back of a weight gradient C is
 * dF/dt_m = sum_ij (dF/dT_m)_ij (M_m)_ij (d exp(t M)/dt = M at t = 0). Data-dependent like Form B.
 */
public final class OrbitCurveGroup implements GroupAction {
    private final NetArchitecture arch;
    private final FormB formB;
    private final Tangent generators;

    public OrbitCurveGroup(NetArchitecture arch, Tangent generators) {
        if (generators.size() != arch.hiddenLayerCount())
            throw new IllegalArgumentException("need one generator per hidden layer (" + arch.hiddenLayerCount() + "), got " + generators.size());
        this.arch = arch;
        this.formB = new FormB(arch);
        List<INDArray> copies = new ArrayList<>();
        for (int m = 0; m < generators.size(); m++) {
            INDArray g = generators.block(m).castTo(DataType.DOUBLE).dup();
            if (g.rows() != arch.hiddenWidth(m) || g.columns() != arch.hiddenWidth(m))
                throw new IllegalArgumentException("generator " + m + " must be " + arch.hiddenWidth(m) + " x " + arch.hiddenWidth(m));
            copies.add(g);
        }
        this.generators = new Tangent(copies);
    }

    public Tangent generators() {
        return generators;
    }

    @Override
    public String name() {
        return "form-B exp(tM)";
    }

    @Override
    public NetArchitecture architecture() {
        return arch;
    }

    @Override
    public boolean isExact() {
        return false;
    }

    @Override
    public long[] blockShape(int hiddenLayer) {
        return new long[]{1, 1};
    }

    /** The Form B element exp(t_m M_m) - I of each layer. */
    public Tangent formBElement(Tangent element) {
        List<INDArray> blocks = new ArrayList<>();
        for (int m = 0; m < arch.hiddenLayerCount(); m++) {
            double t = element.block(m).getDouble(0);
            INDArray gen = generators.block(m);
            int k = arch.hiddenWidth(m);
            blocks.add(t == 0.0 ? Nd4j.zeros(DataType.DOUBLE, k, k)
                    : MatrixExponential.of(gen.mul(t)).subi(Nd4j.eye(k).castTo(DataType.DOUBLE)));
        }
        return new Tangent(blocks);
    }

    @Override
    public INDArray apply(INDArray params, Tangent element, INDArray features) {
        return formB.apply(params, formBElement(element), features);
    }

    @Override
    public Tangent pullBack(INDArray params, INDArray objectiveGradient, INDArray features) {
        Tangent full = formB.pullBack(params, objectiveGradient, features);
        List<INDArray> blocks = new ArrayList<>();
        for (int m = 0; m < arch.hiddenLayerCount(); m++)
            blocks.add(Nd4j.scalar(full.block(m).mul(generators.block(m)).sumNumber().doubleValue()).reshape(1, 1).castTo(DataType.DOUBLE));
        return new Tangent(blocks);
    }

    @Override
    public String toString() {
        return name() + " on " + arch;
    }
}
