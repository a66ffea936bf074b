// Scenario table-api-run: a Table API program (no SQL strings) submitted with bin/flink run.
//
//   bin/flink run -c TableApiJob table-api-job.jar <input-csv-dir> <output-dir> <mode>[,<mode>...]
//
// For each mode (streaming|batch), in order, in one client JVM: a filesystem csv source over
// <input-csv-dir> (the csv written by calc_files_data.py, 'csv.null-literal' = '\N'), filter and select
// with Table API expressions, insert into a filesystem csv sink <output-dir>/<mode> ('csv.null-literal'
// = '<NULL>'), and wait for the job (attached). Prints "EMBER_IT_JOB <mode> <job id>" per job.
// Compiled by scenarios/table-api-run.sh with javac against the distribution's lib/ (no Maven).

import static org.apache.flink.table.api.Expressions.$;
import static org.apache.flink.table.api.Expressions.coalesce;
import static org.apache.flink.table.api.Expressions.concat;
import static org.apache.flink.table.api.Expressions.ifThenElse;

import java.util.Map;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.FormatDescriptor;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

public class TableApiJob {

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: TableApiJob <input-csv-dir> <output-dir> streaming|batch[,...]");
        }
        for (String mode : args[2].split(",")) {
            run(args[0], args[1], mode);
        }
    }

    private static void run(String in, String out, String mode) throws Exception {
        EnvironmentSettings.Builder settings = EnvironmentSettings.newInstance();
        switch (mode) {
            case "streaming":
                // Streaming file sinks commit on checkpoints only.
                settings.inStreamingMode()
                        .withConfiguration(Configuration.fromMap(Map.of("execution.checkpointing.interval", "1s")));
                break;
            case "batch":
                settings.inBatchMode();
                break;
            default:
                throw new IllegalArgumentException("mode must be streaming or batch: " + mode);
        }
        TableEnvironment tEnv = TableEnvironment.create(settings.build());

        tEnv.createTemporaryTable("src", TableDescriptor.forConnector("filesystem")
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.INT())
                        .column("qty", DataTypes.INT())
                        .column("price", DataTypes.DECIMAL(10, 2))
                        .column("amount", DataTypes.BIGINT())
                        .column("name", DataTypes.STRING())
                        .column("flag", DataTypes.BOOLEAN())
                        .column("dbl", DataTypes.DOUBLE())
                        .column("day", DataTypes.DATE())
                        .column("city", DataTypes.STRING())
                        .column("zip", DataTypes.INT())
                        .build())
                .option("path", in)
                .format(FormatDescriptor.forFormat("csv").option("null-literal", "\\N").build())
                .build());

        // Mirrors calc_files_data.py's passes(): id % 7 <> 3 AND (qty IS NULL OR qty <> 13).
        Table result = tEnv.from("src")
                .filter($("id").mod(7).isNotEqual(3))
                .filter($("qty").isNull().or($("qty").isNotEqual(13)))
                .select(
                        $("id"),
                        $("qty").times(3).minus(7).as("q_lin"),
                        $("qty").mod(5).as("q_mod"),
                        $("amount").plus($("id")).as("a_plus"),
                        $("price").times(2).as("p_twice"),
                        $("price").minus(1).as("p_minus"),
                        $("dbl").times(2).as("d_twice"),
                        ifThenElse($("qty").isNull(), "none",
                                ifThenElse($("qty").isLess(0), "neg", "non-neg")).as("q_sign"),
                        $("name").upperCase().as("n_upper"),
                        $("name").lowerCase().as("n_lower"),
                        $("name").substring(2, 3).as("n_sub"),
                        $("name").charLength().as("n_len"),
                        concat($("id").cast(DataTypes.STRING()), ":", coalesce($("name"), "?")).as("n_cat"),
                        $("name").like("%a%").as("n_like"),
                        $("flag").and($("qty").isGreater(0)).as("f_and"),
                        $("flag").not().as("f_not"),
                        $("day").cast(DataTypes.STRING()).as("d_str"),
                        $("city").upperCase().as("c_upper"),
                        $("zip").plus($("qty")).as("z_plus_q"));

        tEnv.createTemporaryTable("snk", TableDescriptor.forConnector("filesystem")
                .schema(Schema.newBuilder().fromResolvedSchema(result.getResolvedSchema()).build())
                .option("path", out + "/" + mode)
                .format(FormatDescriptor.forFormat("csv").option("null-literal", "<NULL>").build())
                .build());

        TableResult r = result.insertInto("snk").execute();
        String jid = r.getJobClient().map(c -> c.getJobID().toString()).orElse("<none>");
        System.out.println("EMBER_IT_JOB " + mode + " " + jid);
        r.await();
        System.out.println("EMBER_IT_DONE " + mode + " " + jid);
    }
}
