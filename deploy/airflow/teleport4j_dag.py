"""teleport4j on Apache Airflow: per logical date, one training run and one CIFAR-10 sweep, submitted with spark-submit.

The job contract this DAG relies on (README, "Running under a scheduler"):

* Idempotent run ids. run.id is derived from the logical date ({{ ds_nodash }}), so a retry, a clear, or a
  backfill of a date runs the same command on the same run directory: an unfinished run resumes from its last
  checkpoint, a finished one is skipped (exit code 0, nothing trained). A sweep keeps every finished trial in its
  run directory (trials/<id>.csv), so a retried sweep trains only the trials that had not finished.
* `_SUCCESS` is written last in run.dir/<run id>/, after the metrics and the final checkpoint: downstream
  tasks (or a sensor) wait for it, never for the other files.
* Exit codes by failure class (jobs/src/main/java/org/teleport4j/jobs/ExitCodes.java):
  0 done or already done; 2 bad configuration; 3 bad data; 4 runtime failure (resumable). A retry cannot fix
  2 or 3, so Teleport4jSubmitOperator fails those at once; 4 (a lost executor, a killed driver, an I/O error,
  a diverged run) is retried and resumes. A diverged run fails the same way on every retry (cheaply: it resumes
  from the last checkpoint); lower the learning rate.
* Exit codes reach Airflow in client deploy mode (the default here). In cluster deploy mode spark-submit only
  reports success or failure, so every failure is retried; the idempotent run id keeps that safe.

Needs apache-airflow-providers-apache-spark, a Spark connection (conn_id below; its host is the master URL,
e.g. spark://host:7077, yarn, or k8s://https://host:443) and the teleport4j spark-submit jar
(mvn install -Pspark-jar -DskipTests: jobs/target/teleport4j-jobs-*-spark.jar) where the Airflow worker can read it.
Settings come from Airflow Variables, each with a default: teleport4j_jar, teleport4j_data_dir, teleport4j_run_dir.
"""
import re
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

# teleport4j exit codes that no retry can fix.
NOT_RETRYABLE = {2: "bad configuration", 3: "bad data"}

# The Java 17 module opens Spark needs in every JVM (the same as deploy/spark-submit.sh; a test checks).
JAVA_17_OPENS = (
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED "
    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED "
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED "
    "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED "
    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED"
)

SPARK_CONF = {
    "spark.serializer": "org.apache.spark.serializer.KryoSerializer",
    "spark.kryo.registrator": "org.teleport4j.driver.spark.Teleport4jKryoRegistrator",
    "spark.driver.extraJavaOptions": JAVA_17_OPENS,
    "spark.executor.extraJavaOptions": JAVA_17_OPENS,
}

APPLICATION = "{{ var.value.get('teleport4j_jar', '/opt/teleport4j/teleport4j-jobs-0.1.0-SNAPSHOT-spark.jar') }}"

# The paper's MNIST setting (conf/paper-mnist.conf), spelled out so that the DAG needs no files besides the jar.
# (A test checks that these settings resolve to exactly the preset's, and SWEEP_ARGS to conf/sweep-cifar10.conf's.)
TRAIN_ARGS = [
    "train",
    "--set", "run.name=paper-mnist",
    "--set", "run.id=paper-mnist-{{ ds_nodash }}",
    "--set", "run.dir={{ var.value.get('teleport4j_run_dir', 'hdfs:///teleport4j/runs') }}",
    "--set", "data.dir={{ var.value.get('teleport4j_data_dir', 'hdfs:///teleport4j/data') }}",
    "--set", "data.dataset=mnist",
    "--set", "data.train-limit=50000",
    "--set", "model.hidden=[16, 10]",
    "--set", "optimizer.kind=sgd",
    "--set", "optimizer.learning-rate=0.01",
    "--set", "training.epochs=40",
    "--set", "training.batch-size=20",
]

# The CIFAR-10 sweep (conf/sweep-cifar10.conf): 5 seeds x SGD/Adam x 3 learning rates x teleport off/on = 60 trials,
# the paper's MLP, all of CIFAR-10, 40 epochs, trial-parallel (one Spark task trains one model). Its results table
# is run.dir/sweep-cifar10-<date>/results.parquet, with report.html beside it, and _SUCCESS last.
SWEEP_ARGS = [
    "sweep",
    "--set", "run.name=sweep-cifar10",
    "--set", "run.id=sweep-cifar10-{{ ds_nodash }}",
    "--set", "run.dir={{ var.value.get('teleport4j_run_dir', 'hdfs:///teleport4j/runs') }}",
    "--set", "data.dir={{ var.value.get('teleport4j_data_dir', 'hdfs:///teleport4j/data') }}",
    "--set", "data.dataset=cifar-10",
    "--set", "data.train-limit=0",
    "--set", "data.test-limit=0",
    "--set", "model.hidden=[128, 32]",
    "--set", "training.epochs=40",
    "--set", "training.batch-size=20",
    "--set", "training.data-type=float",
    "--set", "teleport.group=scaling",
    "--set", "teleport.objective=lookahead",
    "--set", "teleport.steps=10",
    "--set", "teleport.step-size=10",
    "--set", "teleport.trust-radius=0.5",
    "--set", "teleport.sample-size=200",
    "--set", "teleport.state=reset",
    "--set", "teleport.schedule.kind=paper",
    "--set", "teleport.schedule.epoch=0",
    "--set", "teleport.schedule.rounds=8",
    "--set", "sweep.mode=trial-parallel",
    "--set", 'sweep.grid."optimizer.kind"=[sgd, adam]',
    "--set", 'sweep.grid."optimizer.learning-rate"=[0.01, 0.001, 0.0001]',
    "--set", 'sweep.grid."teleport.mode"=[off, teleport]',
    "--set", 'sweep.grid."run.seed"=[0, 1, 2, 3, 4]',
]


def exit_code_of(error):
    """The spark-submit exit code in a SparkSubmitHook failure ("... Error code is: 3."), or None."""
    match = re.search(r"Error code is: (\d+)", str(error))
    return int(match.group(1)) if match else None


class Teleport4jSubmitOperator(SparkSubmitOperator):
    """SparkSubmitOperator that does not retry what retrying cannot fix (teleport4j exit codes 2 and 3)."""

    def execute(self, context):
        try:
            return super().execute(context)
        except AirflowException as error:
            code = exit_code_of(error)
            if code in NOT_RETRYABLE:
                raise AirflowFailException(
                    f"teleport4j exit code {code} ({NOT_RETRYABLE[code]}): failing without retries. {error}") from error
            raise


def teleport4j_task(job, args, executor_memory):
    """One teleport4j job submitted with spark-submit: the same jar, class, Spark settings and driver memory."""
    return Teleport4jSubmitOperator(
        task_id=job,
        conn_id="spark_default",
        application=APPLICATION,
        java_class="org.teleport4j.jobs.Teleport4j",
        name="teleport4j-" + job + "-{{ ds_nodash }}",
        conf=SPARK_CONF,
        application_args=args,
        executor_memory=executor_memory,
        driver_memory="4g",
        verbose=False,
    )


with DAG(
    dag_id="teleport4j_train",
    description="teleport4j: parameter-averaged training and a CIFAR-10 sweep on Spark, idempotent runs per logical date",
    schedule="@daily",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "teleport4j",
        # Retries resume the date's run from its last checkpoint (exit code 4); 2 and 3 are not retried.
        "retries": 3,
        "retry_delay": timedelta(minutes=5),
        "retry_exponential_backoff": True,
    },
    tags=["teleport4j", "spark"],
) as dag:
    train = teleport4j_task("train", TRAIN_ARGS, executor_memory="2g")
    # Independent of the training run: the two run side by side (each with its own run directory).
    sweep = teleport4j_task("sweep", SWEEP_ARGS, executor_memory="4g")
