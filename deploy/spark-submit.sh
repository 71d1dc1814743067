#!/usr/bin/env bash
# Submits a teleport4j job with Spark's own SparkSubmit and the settings teleport4j needs:
#
#   deploy/spark-submit.sh [SPARK-SUBMIT OPTIONS] [--] JOB [JOB OPTIONS]
#   deploy/spark-submit.sh train --preset conf/paper-mnist.conf --set training.epochs=2
#   deploy/spark-submit.sh --master yarn --deploy-mode cluster --executor-memory 4g train --preset ...
#
# The master defaults to $TELEPORT4J_SPARK_MASTER, else the local standalone cluster spark://127.0.0.1:7077
# (deploy/standalone-cluster.sh). Options given here come after the defaults and so win over them.
# With $SPARK_HOME/bin/spark-submit present it is used; otherwise (no Spark distribution, as on this project's
# machines) org.apache.spark.deploy.SparkSubmit runs from the Spark jars of deploy/spark-runtime (client mode
# unless --deploy-mode cluster).
# The application jar is jobs/target/teleport4j-jobs-*-spark.jar (built here with -Pspark-jar if missing), or
# $TELEPORT4J_APP_JAR (e.g. local:///opt/teleport4j/teleport4j.jar inside a Kubernetes image).
# TELEPORT4J_GPU=1 adds the GPU executor settings of conf/spark-gpu-defaults.conf.
# The exit code is the job's (README "Exit codes") in client mode.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
opens="--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED\
 --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED\
 --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED\
 --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED\
 --add-opens=java.base/sun.util.calendar=ALL-UNNAMED"

# Split the arguments: spark-submit options (each takes a value, except the flags below), then the job.
submit_opts=()
while [[ $# -gt 0 && $1 == -* ]]; do
  case $1 in
    --) shift; break ;;
    --verbose|-v|--supervise|--help|-h|--version) submit_opts+=("$1"); shift ;;
    *=*) submit_opts+=("$1"); shift ;;
    *) [[ $# -ge 2 ]] || { echo "spark-submit.sh: option $1 needs a value" >&2; exit 2; }
       submit_opts+=("$1" "$2"); shift 2 ;;
  esac
done
[[ $# -gt 0 ]] || { echo "usage: $0 [SPARK-SUBMIT OPTIONS] [--] JOB [JOB OPTIONS]   (JOB: train)" >&2; exit 2; }

master=${TELEPORT4J_SPARK_MASTER:-spark://127.0.0.1:7077}
for ((i = 0; i < ${#submit_opts[@]}; i++)); do
  [[ ${submit_opts[i]} == --master ]] && master=${submit_opts[i + 1]}
  [[ ${submit_opts[i]} == --master=* ]] && master=${submit_opts[i]#--master=}
done

jar=${TELEPORT4J_APP_JAR:-$(ls "$repo"/jobs/target/teleport4j-jobs-*-spark.jar 2>/dev/null | head -1 || true)}
if [[ -z $jar || -n ${TELEPORT4J_REBUILD:-} ]]; then
  echo "spark-submit.sh: building the application jar (mvn install -DskipTests -Pspark-jar)..." >&2
  (cd "$repo" && mvn -B -q install -DskipTests -Pspark-jar) >&2
  jar=$(ls "$repo"/jobs/target/teleport4j-jobs-*-spark.jar | head -1)
fi

defaults=(--master "$master" --class org.teleport4j.jobs.Teleport4j --name teleport4j
  --conf spark.serializer=org.apache.spark.serializer.KryoSerializer
  --conf spark.kryo.registrator=org.teleport4j.driver.spark.Teleport4jKryoRegistrator
  --conf "spark.driver.extraJavaOptions=$opens"
  --conf "spark.executor.extraJavaOptions=$opens")
if [[ -n ${TELEPORT4J_GPU:-} ]]; then
  # GPU executors (the jar must be built with -Pcuda): one GPU per executor and task, ND4J bound to it.
  defaults+=(--properties-file "$repo/conf/spark-gpu-defaults.conf"
    --conf "spark.executor.resource.gpu.discoveryScript=$repo/deploy/gpu-discovery.sh")
fi
loopback=""
case $master in
  local*|spark://127.0.0.1:*|spark://localhost:*)
    # Everything on this machine: keep the driver, and the executors' connections back to it, on loopback.
    loopback=127.0.0.1
    defaults+=(--conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1) ;;
esac

if [[ -n ${SPARK_HOME:-} && -x ${SPARK_HOME}/bin/spark-submit ]]; then
  exec "$SPARK_HOME/bin/spark-submit" "${defaults[@]}" ${submit_opts[@]+"${submit_opts[@]}"} "$jar" "$@"
fi

cp_file=$repo/deploy/spark-runtime/target/spark-runtime.classpath
if [[ ! -f $cp_file ]]; then
  echo "spark-submit.sh: resolving the Spark runtime jars (mvn package -pl deploy/spark-runtime)..." >&2
  (cd "$repo" && mvn -B -q package -pl deploy/spark-runtime) >&2
fi
# Client mode: this JVM is the driver, so it needs the opens and the driver memory itself.
# shellcheck disable=SC2086
exec env ${loopback:+SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-$loopback}} java -Xmx"${TELEPORT4J_DRIVER_MEMORY:-2g}" $opens \
  -Dlog4j2.configurationFile="$repo/conf/log4j2.xml" -cp "$(cat "$cp_file")" \
  org.apache.spark.deploy.SparkSubmit "${defaults[@]}" ${submit_opts[@]+"${submit_opts[@]}"} "$jar" "$@"
