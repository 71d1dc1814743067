package org.teleport4j.driver.teleport;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.teleport4j.driver.config.BadConfigException;
import org.teleport4j.driver.config.TeleportConfig;
import org.teleport4j.ops.math.NetArchitecture;
import org.teleport4j.ops.meta.LearnedTeleportPolicy;
import org.teleport4j.ops.meta.LstmMetaOptimizer;
import org.teleport4j.ops.meta.MetaOptimizerFile;

import java.io.IOException;
import java.io.InputStream;

/** Reads the meta-optimiser named by teleport.learned.file (a path or Hadoop URI) and checks it fits the network. */
public final class LearnedPolicyFile {
    private LearnedPolicyFile() {
    }

    /** The file's meta-optimiser; every problem is a BadConfigException naming the key and the file. */
    public static LstmMetaOptimizer read(String file) {
        Path path = new Path(file);
        try (InputStream in = path.getFileSystem(new Configuration()).open(path)) {
            return MetaOptimizerFile.read(in, file);
        } catch (MetaOptimizerFile.BadMetaOptimizerFileException e) {
            throw new BadConfigException("teleport.learned.file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BadConfigException("teleport.learned.file = \"" + file + "\" cannot be read: " + e.getMessage(), e);
        }
    }

    /** Checks the file's kind and shape against hidden layer teleport.learned.hidden-layer of {@code arch}. */
    public static LstmMetaOptimizer check(TeleportConfig t, NetArchitecture arch) {
        LstmMetaOptimizer lstm = read(t.learnedFile());
        if (!lstm.kind().teleports())
            throw new BadConfigException("teleport.learned.file = \"" + t.learnedFile() + "\" holds " + lstm.kind().label()
                    + ", which outputs no teleport: use a saved lr-tele or update-tele meta-optimiser");
        String mismatch = LearnedTeleportPolicy.shapeMismatch(arch, t.learnedHiddenLayer(), lstm.n());
        if (mismatch != null)
            throw new BadConfigException("teleport.learned.file = \"" + t.learnedFile() + "\" does not fit teleport.learned.hidden-layer = "
                    + t.learnedHiddenLayer() + ": " + mismatch);
        return lstm;
    }

    /** A fresh policy (zero LSTM state) for the network. */
    public static LearnedTeleportPolicy policy(TeleportConfig t, NetArchitecture arch) {
        return new LearnedTeleportPolicy(check(t, arch), arch, t.learnedHiddenLayer());
    }

}
