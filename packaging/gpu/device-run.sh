#!/usr/bin/env bash
# On a GPU machine (no Java, no network there): checks the CUDA engine against the CPU engine,
# benchmarks it, profiles its kernel, and runs the physics at the paper's scale.
#
#   here:  bash packaging/gpu/device-pack.sh                       (the app and a Java runtime into .device/)
#          bash packaging/gpu/device-run.sh --dry-run              (every step here at toy sizes, the CUDA
#                                                             engine through src/test/cuda/mock_libcuda.cpp:
#                                                             the script, the runtime, JCuda, the commands)
#   there: bash packaging/gpu/device-run.sh                  (from the tree's root, .device/ beside it;
#                                                             about 9.5 minutes at the most)
#
# Only a few files may come back from $OUT, so everything goes into one archive,
# $OUT/device-run.tar.gz, remade after every step (a run stopped at its limit still returns what was
# done), beside $OUT/summary.txt (exit code, seconds and last lines of every step; also printed).
# Steps run most important first; each gets at most its own limit and what is left of BUDGET_S
# (default 480 s, so that the machine's start and the transfers fit a 15-minute session with it).
set -uo pipefail
cd "$(dirname "$0")/../.."
dry=0
[ "${1:-}" = "--dry-run" ] && dry=1
budget=${BUDGET_S:-480}
out="${OUT:-device-out}"
mkdir -p "$out"
work=$(mktemp -d)
scratch=$(mktemp -d)
summary="$work/summary.txt"
deadline=$((SECONDS + budget))

[ -f .device/anisoscope.jar ] && [ -f .device/rt.tar.xz ] \
  || { echo "error: .device/ is missing or incomplete: run bash packaging/gpu/device-pack.sh here and carry .device"; exit 2; }
# tar -J needs xz; where the image has none, Python's lzma unpacks it
tar -C "$scratch" -xJf .device/rt.tar.xz 2> /dev/null \
  || python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1], "r:xz").extractall(sys.argv[2])' .device/rt.tar.xz "$scratch" \
  || { echo "error: cannot unpack .device/rt.tar.xz (neither tar -J nor python3's lzma)"; exit 2; }
java="$scratch/rt/bin/java"
jar=.device/anisoscope.jar
app() { "$java" --add-modules jdk.incubator.vector -jar "$jar" "$@"; }
export java jar

# JCuda's native library needs the driver's libcuda.so.1 on the loader's path
if ! ldconfig -p 2>/dev/null | grep -q 'libcuda.so.1'; then
  for d in /usr/local/nvidia/lib64 /usr/local/nvidia/lib /usr/lib/x86_64-linux-gnu /usr/local/cuda/compat; do
    [ -e "$d/libcuda.so.1" ] && export LD_LIBRARY_PATH="$d${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" && break
  done
fi

if [ $dry = 1 ]; then
  # the CUDA engine through the stand-in driver (src/test/cuda/mock_libcuda.cpp): JCuda and the engine run as
  # they will there, the kernel by its host build
  mkdir -p "$scratch/mock"
  g++ -O2 -ffp-contract=off -shared -fPIC -Ikernels -o "$scratch/mock/libcuda.so.1" src/test/cuda/mock_libcuda.cpp \
    || { echo "error: --dry-run needs g++ for the stand-in driver"; exit 2; }
  export LD_LIBRARY_PATH="$scratch/mock${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  engine=cuda; ns=(16 32); steps=200; cpu_ns=16; sim="--nside 16 --realisations 2 --snapshots 4"; sim_lmax=20
  paper="--rigidities 1PV,10PV --nside 8 --lmax 10 --realisations 3 --snapshots 4"
  scan="--rigidities 1PV,10PV --nside 8 --realisations 3 --snapshots 4"; pa="--nside 8 --realisations 2 --lags 10"
  cv="--rigidity 10PV --nside 8 --realisations 3 --snapshots 4"; sep="--realisations 2 --directions 16"
else
  engine=cuda; ns=(256 512); steps=20000; cpu_ns=128; sim="--nside 256 --realisations 4 --snapshots 8"; sim_lmax=255
  paper="--rigidities 10PV,1PV,100TV --nside 256 --lmax 255 --realisations 35 --snapshots 8"  # 10 PV first: session 9 ran out of time before it
  scan="--rigidities 100TV,1PV,10PV --nside 64 --realisations 35"; pa="--nside 64 --realisations 16"
  cv="--rigidity 100TV --nside 32 --realisations 35"; sep="--realisations 16 --directions 128"
fi

pack() {
  cp "$summary" "$out/summary.txt"
  tar -C "$work" -czf "$out/device-run.tar.gz.tmp" . && mv "$out/device-run.tar.gz.tmp" "$out/device-run.tar.gz"
}

# step NAME LIMIT_S [gpu] COMMAND...: runs COMMAND with its output in NAME.txt, within the budget
step() {
  local name=$1 limit=$2
  shift 2
  if [ "$1" = gpu ]; then
    shift
    if [ $dry = 1 ]; then printf '%-26s skipped (dry run: needs the GPU)\n' "$name" >> "$summary"; return; fi
  fi
  local left=$((deadline - SECONDS))
  if [ $left -lt 15 ]; then printf '%-26s skipped (budget spent)\n' "$name" >> "$summary"; pack; return; fi
  [ "$limit" -gt $left ] && limit=$left
  local t0=$SECONDS rc
  timeout -k 5 "$limit" bash -c '"$@"' step "$@" > "$work/$name.txt" 2>&1   # bash -c: steps may be functions
  rc=$?
  printf '%-26s exit %3d %5d s%s\n' "$name" $rc $((SECONDS - t0)) "$([ $rc = 124 ] && echo ' (stopped at its limit)')" >> "$summary"
  # the verdicts and figures, then the last lines (whatever the step printed last, an error among them)
  { grep -E '^(PASS|FAIL|error:|device:|engine |particle-steps/s|on the device:|time:|commit |openjdk|GPU [0-9])' "$work/$name.txt" | head -n 8
    grep -v '^\s*$' "$work/$name.txt" | tail -n 2; } | awk '!seen[$0]++' | cut -c1-150 | sed 's/^/    /' >> "$summary"
  pack
}

info() {
  echo "commit $(cat .device/commit.txt 2>/dev/null)"
  "$java" -version 2>&1 | head -1
  nproc
  if command -v nvidia-smi > /dev/null; then
    nvidia-smi -L
    nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm,clocks.max.mem --format=csv
  fi
  echo "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
  ldconfig -p 2> /dev/null | grep -E 'libcuda\.so' | head -3
  app check-engines --help > /dev/null && echo "the runtime starts the CLI"
}

# what the device's counters say bounds the kernel (one launch of 2000 steps at Nside 256)
profile() {
  local ncu
  ncu=$(command -v ncu || ls /opt/nvidia/nsight-compute/*/ncu /usr/local/cuda/bin/ncu 2> /dev/null | head -1)
  [ -n "$ncu" ] || { echo "no ncu here"; return 3; }
  "$ncu" --target-processes all -k aniso_backtrack --launch-skip 1 --launch-count 1 --section SpeedOfLight \
    --section ComputeWorkloadAnalysis --section MemoryWorkloadAnalysis --section Occupancy \
    --metrics sm__sass_thread_inst_executed_op_dadd_pred_on.sum,sm__sass_thread_inst_executed_op_dmul_pred_on.sum,sm__sass_thread_inst_executed_op_dfma_pred_on.sum,lts__t_bytes.sum,dram__bytes.sum,gpu__time_duration.sum \
    "$java" --add-modules jdk.incubator.vector -jar "$jar" bench engine --engine cuda --nside 256 --rho 8.9e-3 --steps 2000
}

# a run's tables without its maps and trajectories: summary, C_l files, scan/convergence tables
keep() {
  local from=$1 to=$2
  [ -d "$from" ] || return 0
  mkdir -p "$to"
  (cd "$from" && find . -maxdepth 2 \( -name '*.json' -o -name 'cl_*.csv' -o -name 'scan.csv' -o -name 'convergence.csv' \
     -o -name 'separation*.csv' -o -name 'pitch*.csv' \) -print0 | xargs -0 -r cp --parents -t "$to")
}

export -f app info profile
echo "device-run: $([ $dry = 1 ] && echo 'dry run: toy sizes, the stand-in driver' || echo 'GPU'), budget ${budget} s" > "$summary"
step info 60 info
# correctness first: states to 1e-9 over 1e4 steps, then K_zz and C_l^sub of a small ensemble
step check-engines 150 app check-engines --steps 10000 --realisations 6
# where the CUDA engine did not run at all (no verdict: the driver, the library, the PTX), every step after
# would fail the same way: stop, so the lease keeps time for a rerun after the fix
if ! grep -qE '^(PASS|FAIL) ' "$work/check-engines.txt"; then
  echo "stopped after check-engines: the CUDA engine gave no verdict (see check-engines.txt)" >> "$summary"
  pack; rm -rf "$scratch"; cat "$summary"; exit 3
fi
# particle-steps/s at the paper's Nside, 1 PV (2 grids) and 10 TV (3 grids); the CPU on all cores beside it
for n in "${ns[@]}"; do
  for rho in 8.9e-3 8.9e-5; do
    step "bench-$engine-$n-$rho" 90 app bench engine --engine $engine --nside "$n" --rho "$rho" --steps $steps
  done
done
step "bench-cpu-$cpu_ns" 60 app bench engine --engine cpu --nside $cpu_ns --rho 8.9e-3 --steps 1000
step profile 120 gpu profile
# a paper-scale run as a user makes it: the whole simulate, with its analysis on the CPU
step simulate 150 app simulate --engine $engine --rigidity 1PV $sim --out "$scratch/sim"
keep "$scratch/sim" "$work/simulate"
# the same with the spectra to l = 255 (--lmax): how much of the run the transforms were
step simulate-lmax 150 app simulate --engine $engine --rigidity 1PV $sim --lmax $sim_lmax --out "$scratch/sim-lmax"
keep "$scratch/sim-lmax" "$work/simulate-lmax"
# Figs. 6 and 7 over rigidities at the paper's scale (Nside 256, 35 realisations, 8 snapshots, spectra to
# l = 255; a rigidity finished before the limit is kept): the tables and spectra, for fit with its jackknife
step scan-paper 240 app scan --engine $engine $paper --out "$scratch/scan-paper"
keep "$scratch/scan-paper" "$work/scan-paper"
step converge 120 app converge --engine $engine $cv --out "$scratch/cv"
keep "$scratch/cv" "$work/converge"
step pitch-angle 60 app pitch-angle --engine $engine --rho 8.9e-2 --eta 0.01 $pa --out "$scratch/pa"
keep "$scratch/pa" "$work/pitch-angle"
# the same at Nside 64 (the 2-core runs' resolution), where the time is left
step scan 150 app scan --engine $engine $scan --out "$scratch/scan"
keep "$scratch/scan" "$work/scan"
# the chaotic parting of neighbouring orbits behind the l^-2 tail (CPU engine; seconds on 16 cores)
for r in 100TV 1PV 10PV; do
  step "separation-$r" 30 app separation --rigidity "$r" $sep --angles 0.5,0.3,0.2,0.1,0.05,0.02,0.01,0.001 \
    --distances 1 --out "$scratch/sep-$r"
  keep "$scratch/sep-$r" "$work/separation-$r"
done
# out-of-bounds reads or writes in the kernel, on a short run
step memcheck 60 gpu compute-sanitizer --tool memcheck "$java" --add-modules jdk.incubator.vector -jar "$jar" bench engine --engine cuda --nside 16 --steps 100
pack
rm -rf "$scratch"
cat "$summary"
echo "files: $out/summary.txt, $out/device-run.tar.gz ($(du -h "$out/device-run.tar.gz" | cut -f1))"
