#!/usr/bin/env bash
# The CPU engine against the speed anchor (boris_nested.c, the engine's physics and layout in C,
# lock-step blocks, vectorised; kept outside the repository, see docs/development.md) and, optionally, against an older jar, alternated in
# rounds on one machine; prints each case's medians and ratios (docs/benchmarks.md records them).
# Usage: bench/engine-vs-anchor.sh [ROUNDS] [BASELINE_JAR]     (from the repository root; ~1 min a round)
# ANCHOR: the anchor's source, if not where docs/development.md says it is kept
# BASELINE_OPTS: the baseline's java options (e.g. "--add-modules jdk.incubator.vector" for a SIMD baseline)
set -euo pipefail
cd "$(dirname "$0")/../../.."
rounds=${1:-3}
base=${2:-}
anchor_src=${ANCHOR:-../shared/bench/boris_nested.c}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -O3 -march=native -fno-trapping-math -ffp-contract=off -fopenmp -o "$work/boris_nested" "$anchor_src" -lm
jar=target/anisoscope.jar
[ -f "$jar" ] || mvn -q -B -DskipTests package
rate() { sed -n 's/^particle-steps\/s: *//p' | tail -1; }
java_new() { java --add-modules jdk.incubator.vector -jar "$jar" bench engine "$@" 2>/dev/null | rate; }
java_old() { java ${BASELINE_OPTS:-} -jar "$base" bench engine "$@" 2>/dev/null | rate; }
# nside, rho (8.9e-3: 1 PV, two grids; 8.9e-5: 10 TV, three grids), steps, threads
# CASES="N RHO STEPS T;..." replaces the list
cases=("16 8.9e-3 2000 1" "16 8.9e-3 2000 2" "64 8.9e-3 2000 1" "64 8.9e-3 2000 2" "256 8.9e-3 200 1" "256 8.9e-3 200 2"
       "16 8.9e-5 2000 2" "64 8.9e-5 2000 1" "64 8.9e-5 2000 2" "256 8.9e-5 200 2")
if [ -n "${CASES:-}" ]; then IFS=';' read -r -a cases <<<"$CASES"; fi
echo "java $(java -version 2>&1 | head -1); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2); $(nproc) cores"
for c in "${cases[@]}"; do
  read -r nside rho steps threads <<<"$c"
  np=$(( 12 * nside * nside ))
  for r in $(seq "$rounds"); do
    a=""; [ "$rho" = "8.9e-3" ] && a=$("$work/boris_nested" "$np" "$steps" "$rho" "$threads" 2>/dev/null | sed -n 's/^particle-steps\/s: *//p')
    n=$(java_new --nside "$nside" --rho "$rho" --steps "$steps" --threads "$threads")
    o=""; [ -n "$base" ] && o=$(java_old --nside "$nside" --rho "$rho" --steps "$steps" --threads "$threads")
    echo "$nside $rho $steps $threads ${a:--} $n ${o:--}"
  done
done | python3 -c '
import sys, statistics as st
rows = {}
for line in sys.stdin:
    f = line.split()
    rows.setdefault(tuple(f[:4]), []).append(f[4:])
def med(v):
    v = [float(x) for x in v if x != "-"]
    return st.median(v) if v else None
print("| nside | rho | steps | threads | anchor (C) | engine | engine / anchor | before | engine / before |")
print("|---|---|---|---|---|---|---|---|---|")
for k, v in rows.items():
    a, n, o = med([r[0] for r in v]), med([r[1] for r in v]), med([r[2] for r in v])
    fmt = lambda x: "-" if x is None else "%.3g" % x
    print("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (k + (fmt(a), fmt(n), "-" if a is None else "%.2f" % (n / a), fmt(o), "-" if o is None else "%.2f" % (n / o))))
'
