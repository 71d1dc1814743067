package org.teleport4j.driver.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.nd4j.kryo.Nd4jRegistrator;

/**
 * ND4J's registrator (INDArray serialisers), plus Java serialisation for every record class: Spark's
 * Kryo 4 cannot build field serialisers for records (it needs field offsets that records refuse), and
 * teleport4j's partial sums and settings are records.
 */
public class Teleport4jKryoRegistrator extends Nd4jRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        super.registerClasses(kryo);
        kryo.addDefaultSerializer(Record.class, new JavaSerializer());
    }
}
