#!/usr/bin/env bash
# Runs on a lent GPU machine (no Java, no network there): checks the CUDA engine against the CPU
# engine and benchmarks it. Everything comes with the call (device tool, carry: .rt and
# target/anisoscope.jar, about 50 MB):
#   here:  mvn -q -B -DskipTests package
#          jlink --add-modules java.base,java.logging,jdk.unsupported --strip-debug --no-header-files \
#                --no-man-pages --compress=2 --output .rt
#   there: bash kernels/device-run.sh        (logs go to $OUT, or ./device-out without one; about 10 minutes)
set -uo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-device-out}"
mkdir -p "$out"
java=.rt/bin/java
jar=target/anisoscope.jar
[ -x "$java" ] && [ -f "$jar" ] || { echo "error: carry .rt and $jar (see the top of this script)"; exit 2; }
{
  nvidia-smi -L
  nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm --format=csv
} > "$out/device.txt" 2>&1
# correctness first: states to 1e-9 over 1e4 steps, then K_zz and C_l of a small ensemble
"$java" -jar "$jar" check-engines --steps 10000 --realisations 6 > "$out/check-engines.txt" 2>&1
echo "check-engines exit $?" >> "$out/check-engines.txt"
# benchmarks: the GPU at Nside 256 and 512 (1 PV: 2 grids; 10 TV: 3 grids), the CPU beside it
for ns in 256 512; do
  for rho in 8.9e-3 8.9e-5; do
    "$java" -jar "$jar" bench engine --engine cuda --nside "$ns" --rho "$rho" --steps 20000 > "$out/bench-cuda-$ns-$rho.txt" 2>&1
  done
done
"$java" -jar "$jar" bench engine --engine cpu --nside 64 --rho 8.9e-3 --steps 2000 > "$out/bench-cpu-64.txt" 2>&1
# physics at the paper's scale on the GPU: Figs. 6 and 7 at Nside 64 with 35 realisations (the maps stay
# there, only the tables come back), and D_mumu against QLT at weak turbulence with more particles
scan=$(mktemp -d)
timeout 300 "$java" -jar "$jar" scan --engine cuda --rigidities 100TV,1PV,10PV --nside 64 --realisations 35 --out "$scan" \
  > "$out/scan-gpu.txt" 2>&1
echo "scan exit $?" >> "$out/scan-gpu.txt"
cp "$scan"/scan.csv "$scan"/scan.json "$out/" 2>/dev/null
# each rigidity's spectra without its maps (a few MB), so that `fit` (with its jackknife over the 35
# realisations) can be run on them anywhere afterwards
for d in "$scan"/*/; do
  [ -f "$d/summary.json" ] || continue
  mkdir -p "$out/scan/$(basename "$d")"
  cp "$d"/summary.json "$d"/cl_*.csv "$out/scan/$(basename "$d")/" 2>/dev/null
done
# the chaotic parting of neighbouring orbits behind the l^-2 tail (CPU; seconds on 16 cores)
for r in 100TV 1PV 10PV; do
  timeout 40 "$java" -jar "$jar" separation --rigidity "$r" --realisations 16 --directions 128 \
    --angles 0.5,0.3,0.2,0.1,0.05,0.02,0.01,0.001 --distances 1 --out "$scan/sep-$r" > "$out/separation-$r.txt" 2>&1
done
timeout 120 "$java" -jar "$jar" pitch-angle --engine cuda --rho 8.9e-2 --eta 0.01 --nside 64 --realisations 16 --out "$scan/pa" \
  > "$out/pitch-angle-gpu.txt" 2>&1
echo "pitch-angle exit $?" >> "$out/pitch-angle-gpu.txt"
# convergence in dt at 100 TV (where the 2-core check found K_zz(T) near tau_s 1.9 % dt-sensitive) with
# 35 realisations: the table only
timeout 150 "$java" -jar "$jar" converge --engine cuda --rigidity 100TV --nside 32 --realisations 35 --out "$scan/cv" \
  > "$out/converge-gpu.txt" 2>&1
echo "converge exit $?" >> "$out/converge-gpu.txt"
cp "$scan"/cv/convergence.csv "$out/" 2>/dev/null
tail -n 2 "$out"/*.txt
