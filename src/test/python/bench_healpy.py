"""healpy side of `bench sht`: the same seeded-Gaussian-map anafast, median of 5 runs after 2 warm-ups.

    OMP_NUM_THREADS=2 /usr/bin/python3 src/test/python/bench_healpy.py 256
"""
import sys, time
import numpy as np
import healpy as hp

nside = int(sys.argv[1]) if len(sys.argv) > 1 else 256
lmax = 3 * nside - 1
m = np.random.default_rng(1).normal(size=hp.nside2npix(nside))
for _ in range(2):
    hp.anafast(m, lmax=lmax, iter=3)
ana, fwd, inv = [], [], []
for _ in range(5):
    t0 = time.perf_counter(); hp.anafast(m, lmax=lmax, iter=3)
    t1 = time.perf_counter(); a = hp.map2alm(m, lmax=lmax, iter=0)
    t2 = time.perf_counter(); hp.alm2map(a, nside, lmax=lmax)
    t3 = time.perf_counter()
    ana.append(t1 - t0); fwd.append(t2 - t1); inv.append(t3 - t2)
print(f"healpy {hp.__version__}, nside {nside}, lmax {lmax}, iter 3")
print(f"map2alm (iter 0): {np.median(fwd):.4f} s")
print(f"alm2map: {np.median(inv):.4f} s")
print(f"map2alm+anafast: {np.median(ana):.4f} s")
