package org.teleport4j.ops.meta;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/** Adam (PyTorch's defaults: betas 0.9, 0.999, eps 1e-8) over named parameter blocks: the meta-optimiser's optimiser. */
public final class MetaAdam {
    private static final double B1 = 0.9, B2 = 0.999, EPS = 1e-8;
    private final double lr;
    private final Map<String, INDArray> m = new LinkedHashMap<>();
    private final Map<String, INDArray> v = new LinkedHashMap<>();
    private int t;

    public MetaAdam(double lr) {
        this.lr = lr;
    }

    /** New parameter blocks after one step on {@code grad} (the inputs are not modified). */
    public Map<String, INDArray> step(Map<String, INDArray> params, Map<String, INDArray> grad) {
        t++;
        double c1 = 1 - Math.pow(B1, t), c2 = 1 - Math.pow(B2, t);
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            INDArray g = grad.get(e.getKey());
            INDArray mk = m.computeIfAbsent(e.getKey(), k -> g.mul(0));
            INDArray vk = v.computeIfAbsent(e.getKey(), k -> g.mul(0));
            mk.muli(B1).addi(g.mul(1 - B1));
            vk.muli(B2).addi(g.mul(g).muli(1 - B2));
            INDArray denom = Transforms.sqrt(vk.div(c2), true).addi(EPS);
            out.put(e.getKey(), e.getValue().sub(mk.div(c1).divi(denom).muli(lr)));
        }
        return out;
    }
}
