#!/usr/bin/env bash
# A Spark standalone cluster on this machine, on 127.0.0.1: one master and TELEPORT4J_WORKERS workers (1 core
# each), all run from the same Spark jars the application is built against (deploy/spark-runtime resolves
# them from Maven; there is no Spark tarball here). Executors run in their own JVMs, launched by the workers.
#
#   deploy/standalone-cluster.sh start     start master and workers, wait until every worker has registered
#   deploy/standalone-cluster.sh status    master URL, and which processes are alive
#   deploy/standalone-cluster.sh stop      stop workers (and their executors), then the master
#
# State (pids, logs, work dirs, a SPARK_HOME of links to the jars) lives in $TELEPORT4J_CLUSTER_DIR
# (default <repo>/.cluster, git-ignored). Settings, all optional:
#   TELEPORT4J_MASTER_PORT (7077)  TELEPORT4J_MASTER_UI_PORT (8080)  TELEPORT4J_WORKER_UI_PORT (8081, +1 per worker)
#   TELEPORT4J_WORKERS (2)  TELEPORT4J_WORKER_CORES (1)  TELEPORT4J_WORKER_MEMORY (2g: what executors may take)
#   TELEPORT4J_WORKER_OPTS  extra JVM options for the workers, e.g. -Dspark.worker.resource.gpu.amount=1
#                           -Dspark.worker.resource.gpu.discoveryScript=deploy/gpu-discovery.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
state=${TELEPORT4J_CLUSTER_DIR:-$repo/.cluster}
master_port=${TELEPORT4J_MASTER_PORT:-7077}
master_ui_port=${TELEPORT4J_MASTER_UI_PORT:-8080}
worker_ui_port=${TELEPORT4J_WORKER_UI_PORT:-8081}
workers=${TELEPORT4J_WORKERS:-2}
worker_cores=${TELEPORT4J_WORKER_CORES:-1}
worker_memory=${TELEPORT4J_WORKER_MEMORY:-2g}
master_url=spark://127.0.0.1:$master_port
# The Java 17 opens Spark needs (shared/design/STACK.md); executors get theirs from spark-submit's confs.
opens=(--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED)

alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# A SPARK_HOME whose jars/ links to the Spark runtime jars: workers build executor classpaths from
# $SPARK_HOME/jars, exactly as with a Spark distribution.
make_spark_home() {
  local cp_file=$repo/deploy/spark-runtime/target/spark-runtime.classpath
  if [[ ! -f $cp_file ]]; then
    echo "standalone-cluster: resolving the Spark runtime jars (mvn package -pl deploy/spark-runtime)..." >&2
    (cd "$repo" && mvn -B -q package -pl deploy/spark-runtime) >&2
  fi
  rm -rf "$state/spark-home" && mkdir -p "$state/spark-home/jars"
  tr ':' '\n' < "$cp_file" | while read -r jar; do [[ -n $jar ]] && ln -s "$jar" "$state/spark-home/jars/"; done
}

start_jvm() { # name, main class, args...
  local name=$1 main=$2; shift 2
  # SPARK_SCALA_VERSION: Spark's launcher infers it from a source build's directories; tell it instead.
  SPARK_HOME=$state/spark-home SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=127.0.0.1 \
    nohup java -Xmx512m "${opens[@]}" ${extra_opts:-} -cp "$state/spark-home/jars/*" "$main" "$@" \
    > "$state/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$state/pids/$name.pid"
}

wait_for() { # seconds, description, command...
  local secs=$1 what=$2; shift 2
  for ((i = 0; i < secs * 5; i++)); do "$@" && return 0; sleep 0.2; done
  echo "standalone-cluster: timed out after ${secs}s waiting for $what (logs in $state/logs)" >&2
  return 1
}

all_workers_registered() { [[ $(grep -c "Registering worker" "$state/logs/master.log" 2>/dev/null) -ge $workers ]]; }

start() {
  if alive "$state/pids/master.pid"; then echo "standalone-cluster: already running at $master_url" >&2; return 0; fi
  mkdir -p "$state/logs" "$state/pids" "$state/work"
  make_spark_home
  extra_opts="" start_jvm master org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$master_port" --webui-port "$master_ui_port"
  wait_for 60 "the master" grep -q "I have been elected leader" "$state/logs/master.log"
  for ((w = 1; w <= workers; w++)); do
    extra_opts=${TELEPORT4J_WORKER_OPTS:-} start_jvm "worker-$w" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores "$worker_cores" --memory "$worker_memory" --webui-port $((worker_ui_port + w - 1)) \
      --work-dir "$state/work/worker-$w" "$master_url"
  done
  wait_for 90 "$workers workers to register" all_workers_registered
  echo "standalone-cluster: $master_url with $workers workers ($worker_cores core, $worker_memory each); UI http://127.0.0.1:$master_ui_port"
}

stop_pid() { # pid file
  local f=$1 pid
  alive "$f" || { rm -f "$f"; return 0; }
  pid=$(cat "$f")
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$f"
}

stop() {
  # Workers first: a stopping worker kills its executors.
  for f in "$state"/pids/worker-*.pid; do [[ -e $f ]] && stop_pid "$f"; done
  stop_pid "$state/pids/master.pid"
  echo "standalone-cluster: stopped"
}

status() {
  local up=0
  if alive "$state/pids/master.pid"; then echo "master   $master_url  pid $(cat "$state/pids/master.pid")  alive"; up=1
  else echo "master   $master_url  not running"; fi
  for f in "$state"/pids/worker-*.pid; do
    [[ -e $f ]] || continue
    if alive "$f"; then echo "$(basename "$f" .pid)  pid $(cat "$f")  alive"; else echo "$(basename "$f" .pid)  pid $(cat "$f")  dead"; fi
  done
  [[ $up == 1 ]]
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
