#!/usr/bin/env bash
# anafast (iter 3, lmax 3 nside - 1) of Anisoscope against healpy's on the same machine and thread
# count, alternated in rounds; optionally an older jar beside them. Prints medians and ratios.
# Usage: bench/sht-vs-healpy.sh [ROUNDS] [BASELINE_JAR]      (needs /usr/bin/python3 with healpy)
set -euo pipefail
cd "$(dirname "$0")/../../.."
rounds=${1:-3}
base=${2:-}
jar=target/anisoscope.jar
[ -f "$jar" ] || mvn -q -B -DskipTests package
ana() { sed -n 's/^map2alm+anafast: *\([0-9.]*\) s/\1/p'; }
echo "java $(java -version 2>&1 | head -1); $(/usr/bin/python3 -c 'import healpy; print("healpy", healpy.__version__)'); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2); $(nproc) cores"
for nside in 64 256 512; do
  for t in 1 2; do
    for r in $(seq "$rounds"); do
      n=$(java --add-modules jdk.incubator.vector -jar "$jar" bench sht --nside "$nside" --threads "$t" --repeat 5 2>/dev/null | ana)
      h=$(OMP_NUM_THREADS=$t /usr/bin/python3 src/test/python/bench_healpy.py "$nside" | ana)
      o="-"; [ -n "$base" ] && o=$(java -jar "$base" bench sht --nside "$nside" --threads "$t" --repeat 5 2>/dev/null | ana)
      echo "$nside $t $n $h $o"
    done
  done
done | python3 -c '
import sys, statistics as st
rows = {}
for line in sys.stdin:
    f = line.split()
    rows.setdefault(tuple(f[:2]), []).append(f[2:])
def med(v):
    v = [float(x) for x in v if x != "-"]
    return st.median(v) if v else None
print("| nside | threads | anisoscope anafast | healpy anafast | ratio | before | before / healpy |")
print("|---|---|---|---|---|---|---|")
for k, v in rows.items():
    n, h, o = med([r[0] for r in v]), med([r[1] for r in v]), med([r[2] for r in v])
    print("| %s | %s | %.4f s | %.4f s | %.2f | %s | %s |" % (k + (n, h, n / h, "-" if o is None else "%.4f s" % o, "-" if o is None else "%.2f" % (o / h))))
'
