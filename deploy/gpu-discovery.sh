#!/usr/bin/env bash
# Spark GPU discovery script: prints the GPUs of this machine as Spark's resource JSON,
#   {"name":"gpu","addresses":["0","1"]}
# using nvidia-smi's indices. Executors run with CUDA_DEVICE_ORDER=PCI_BUS_ID (conf/spark-gpu-defaults.conf,
# conf/gpu.conf), under which these indices are CUDA device ordinals, the numbers GpuBindingPlugin binds ND4J to.
# Used as spark.worker.resource.gpu.discoveryScript (standalone) or spark.executor.resource.gpu.discoveryScript
# (YARN, Kubernetes); it must exist at the same path on every node.
set -euo pipefail
if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "gpu-discovery.sh: nvidia-smi not found: no NVIDIA driver on ${HOSTNAME:-this host}" >&2
  exit 1
fi
indices=$(nvidia-smi --query-gpu=index --format=csv,noheader,nounits) || {
  echo "gpu-discovery.sh: nvidia-smi failed on ${HOSTNAME:-this host}" >&2
  exit 1
}
addresses=""
while read -r index; do
  index=${index//[[:space:]]/}
  [[ -z $index ]] && continue
  [[ $index =~ ^[0-9]+$ ]] || { echo "gpu-discovery.sh: unexpected nvidia-smi index '$index'" >&2; exit 1; }
  addresses+="${addresses:+,}\"$index\""
done <<< "$indices"
echo "{\"name\":\"gpu\",\"addresses\":[$addresses]}"
