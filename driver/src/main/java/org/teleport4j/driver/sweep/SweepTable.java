package org.teleport4j.driver.sweep;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.teleport4j.driver.run.RunDirectory;

import java.util.ArrayList;
import java.util.List;

/**
 * The sweep's one results table: a row per trial and epoch with the trial id, the arm, every grid key's value as
 * a column (named after the key, '.' and '-' as '_': optimizer.learning-rate -> optimizer_learning_rate; typed:
 * numbers as bigint or double, booleans, anything else as a string) and the epoch's measurements. Written as
 * Parquet (results.parquet, for Spark SQL) and CSV (results.csv), each atomically.
 */
public final class SweepTable {
    public static final String PARQUET = "results.parquet";
    public static final String CSV = "results.csv";
    static final List<String> MEASURES = List.of("epoch", "train_loss", "test_loss", "test_accuracy", "seconds", "teleports", "teleport_seconds");

    private final SweepGrid grid;
    private final List<SweepResult> results;

    public SweepTable(SweepGrid grid, List<SweepResult> results) {
        this.grid = grid;
        this.results = results;
    }

    /** A grid key's column name. */
    public static String column(String key) {
        return key.replace('.', '_').replace('-', '_');
    }

    public StructType schema() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("trial_id", DataTypes.StringType, false));
        fields.add(DataTypes.createStructField("arm", DataTypes.StringType, false));
        for (String k : grid.keys()) fields.add(DataTypes.createStructField(column(k), type(grid.values(k)), false));
        fields.add(DataTypes.createStructField("epoch", DataTypes.IntegerType, false));
        for (String m : List.of("train_loss", "test_loss", "test_accuracy", "seconds"))
            fields.add(DataTypes.createStructField(m, DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField("teleports", DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField("teleport_seconds", DataTypes.DoubleType, false));
        return DataTypes.createStructType(fields);
    }

    /** bigint when every value is a whole number, double when every value is a number, boolean, else string. */
    static DataType type(List<ConfigValue> values) {
        if (values.stream().allMatch(v -> v.valueType() == ConfigValueType.NUMBER))
            return values.stream().allMatch(v -> v.unwrapped() instanceof Integer || v.unwrapped() instanceof Long)
                    ? DataTypes.LongType : DataTypes.DoubleType;
        if (values.stream().allMatch(v -> v.valueType() == ConfigValueType.BOOLEAN)) return DataTypes.BooleanType;
        return DataTypes.StringType;
    }

    /** The rows in trial order, then epoch order. */
    public List<Row> rows() {
        StructType schema = schema();
        List<Row> rows = new ArrayList<>();
        for (SweepResult r : results)
            for (TrialEpochs.Row e : r.epochs().rows()) {
                List<Object> v = new ArrayList<>();
                v.add(r.trial().id());
                v.add(r.trial().arm());
                for (String k : grid.keys()) v.add(typed(r.trial().values().get(k), schema.apply(column(k)).dataType()));
                v.add(e.epoch());
                v.add(e.trainLoss());
                v.add(e.testLoss());
                v.add(e.testAccuracy());
                v.add(e.seconds());
                v.add(e.teleports());
                v.add(e.teleportSeconds());
                rows.add(RowFactory.create(v.toArray()));
            }
        return rows;
    }

    private static Object typed(String text, DataType t) {
        if (t.equals(DataTypes.LongType)) return Long.parseLong(text);
        if (t.equals(DataTypes.DoubleType)) return Double.parseDouble(text);
        if (t.equals(DataTypes.BooleanType)) return Boolean.parseBoolean(text);
        return text;
    }

    /** The table as CSV (RFC 4180 quoting: list values such as [128,32] hold commas), full precision. */
    public String csv() {
        StringBuilder sb = new StringBuilder(String.join(",", schema().fieldNames())).append('\n');
        for (Row row : rows()) {
            for (int i = 0; i < row.length(); i++) {
                if (i > 0) sb.append(',');
                sb.append(quote(String.valueOf(row.get(i))));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Writes results.parquet (one file, through Spark SQL) and results.csv into the run directory. */
    public void write(JavaSparkContext sc, RunDirectory dir) {
        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        dir.writeDirectory(PARQUET, uri -> spark.createDataFrame(rows(), schema()).coalesce(1).write().mode(SaveMode.Overwrite).parquet(uri));
        dir.writeText(CSV, csv());
    }
}
