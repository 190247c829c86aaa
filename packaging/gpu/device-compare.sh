#!/usr/bin/env bash
# On a GPU machine: the CUDA engine of this tree against a baseline jar, in one short call.
#   here:  bash packaging/gpu/device-pack.sh; cp SOME/anisoscope.jar .device/baseline.jar
#          (and its commit into .device/baseline-commit.txt)
#   there: bash packaging/gpu/device-compare.sh          (from the tree's root, .device/ beside it; about 4 minutes)
# Prints, and writes to $OUT/compare.txt: check-engines of this tree; bench engine for both jars
# (whole runs, and this tree's split into context, copies and kernels); each jar's kernel duration
# under ncu at the card's own clocks (--clock-control none: ncu otherwise pins the base clock); one
# full ncu profile of this tree's kernel; simulate at Nside 256 for its time: line.
set -uo pipefail
cd "$(dirname "$0")/../.."
out="${OUT:-device-out}"
mkdir -p "$out"
log="$out/compare.txt"
scratch=$(mktemp -d)
tar -C "$scratch" -xJf .device/rt.tar.xz 2> /dev/null \
  || python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1], "r:xz").extractall(sys.argv[2])' .device/rt.tar.xz "$scratch" \
  || { echo "error: cannot unpack .device/rt.tar.xz"; exit 2; }
java="$scratch/rt/bin/java"
for d in /usr/local/nvidia/lib64 /usr/lib/x86_64-linux-gnu; do
  [ -e "$d/libcuda.so.1" ] && export LD_LIBRARY_PATH="$d${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" && break
done
ncu=$(command -v ncu || ls /opt/nvidia/nsight-compute/*/ncu /usr/local/cuda/bin/ncu 2> /dev/null | head -1)
jars=(.device/anisoscope.jar)
[ -f .device/baseline.jar ] && jars+=(.device/baseline.jar)
run() { echo "\$ $*"; timeout -k 5 "${LIMIT:-60}" "$@" 2>&1 | tr '\r' '\n' | grep -v '^\s*$' | tail -n "${TAIL:-12}"; echo; }
{
  echo "this tree: $(cat .device/commit.txt 2>/dev/null), baseline: $(cat .device/baseline-commit.txt 2>/dev/null || echo none)"
  nvidia-smi --query-gpu=name,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv 2> /dev/null
  run "$java" --add-modules jdk.incubator.vector -jar .device/anisoscope.jar check-engines --steps 10000 --realisations 6
  for jar in "${jars[@]}"; do
    for n in 256 512; do
      for rho in 8.9e-3 8.9e-5; do TAIL=4 run "$java" --add-modules jdk.incubator.vector -jar "$jar" bench engine --engine cuda --nside $n --rho $rho --steps 20000; done
    done
  done
  if [ -n "$ncu" ]; then
    for jar in "${jars[@]}"; do
      for rho in 8.9e-3 8.9e-5; do
        TAIL=14 run "$ncu" --clock-control none -k aniso_backtrack --launch-skip 1 --launch-count 3 \
          --metrics gpu__time_duration.sum,l1tex__throughput.avg.pct_of_peak_sustained_elapsed,sm__pipe_fp64_cycles_active.avg.pct_of_peak_sustained_elapsed,lts__t_bytes.sum \
          "$java" --add-modules jdk.incubator.vector -jar "$jar" bench engine --engine cuda --nside 256 --rho $rho --steps 2000
      done
    done
    TAIL=80 LIMIT=90 run "$ncu" --clock-control none -k aniso_backtrack --launch-skip 1 --launch-count 1 --section SpeedOfLight \
      --section MemoryWorkloadAnalysis --section ComputeWorkloadAnalysis --section Occupancy --section WarpStateStats \
      "$java" --add-modules jdk.incubator.vector -jar .device/anisoscope.jar bench engine --engine cuda --nside 256 --rho 8.9e-3 --steps 2000
  fi
  TAIL=3 LIMIT=90 run "$java" --add-modules jdk.incubator.vector -jar .device/anisoscope.jar simulate --engine cuda --rigidity 1PV --nside 256 --realisations 4 --snapshots 8 --out "$scratch/sim"
} 2>&1 | tee "$log"
rm -rf "$scratch"
