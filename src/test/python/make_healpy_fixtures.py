"""Generates the healpy reference fixtures in src/test/resources/healpy (run once, commit output).

Run with Debian's healpy (apt-get install python3-healpy):
    /usr/bin/python3 src/test/python/make_healpy_fixtures.py
Every random input is seeded, so re-running reproduces the files bit for bit.
"""
import os
import numpy as np
import healpy as hp

out = os.path.join(os.path.dirname(__file__), "..", "resources", "healpy")
os.makedirs(out, exist_ok=True)


def save(name, arr, header):
    np.savetxt(os.path.join(out, name), arr, fmt="%.17g", delimiter=",", header=header, comments="")


# pixel centres, all pixels of small nside
for nside in (1, 2, 4, 8, 16):
    pix = np.arange(hp.nside2npix(nside))
    theta, phi = hp.pix2ang(nside, pix)
    x, y, z = hp.pix2vec(nside, pix)
    save(f"pix2ang_nside{nside}.csv", np.column_stack([pix, theta, phi, x, y, z]), "pix,theta,phi,x,y,z")

# vec2pix of random and near-polar directions at many nside
rng = np.random.default_rng(20261125)
v = rng.normal(size=(400, 3))
v /= np.linalg.norm(v, axis=1)[:, None]
polar = np.column_stack([1e-7 * rng.normal(size=(50, 2)), np.sign(rng.normal(size=50))])
polar /= np.linalg.norm(polar, axis=1)[:, None]
v = np.vstack([v, polar])
rows = []
for nside in (1, 2, 4, 8, 16, 64, 256, 1024, 8192):
    p = hp.vec2pix(nside, v[:, 0], v[:, 1], v[:, 2])
    rows.append(np.column_stack([np.full(len(v), nside), v, p]))
save("vec2pix.csv", np.vstack(rows), "nside,x,y,z,pix")

# nest -> ring
rows = []
for nside in (1, 2, 4, 16):
    n = np.arange(hp.nside2npix(nside))
    rows.append(np.column_stack([np.full(len(n), nside), n, hp.nest2ring(nside, n)]))
save("nest2ring.csv", np.vstack(rows), "nside,nest,ring")

# a_lm and C_l of seeded random maps
for nside, seed in ((16, 1), (32, 2)):
    m = np.random.default_rng(seed).normal(size=hp.nside2npix(nside))
    lmax = 3 * nside - 1
    save(f"map_nside{nside}.csv", m, "value")
    for it in (0, 3):
        alm = hp.map2alm(m, lmax=lmax, iter=it)
        ls, ms = hp.Alm.getlm(lmax)
        save(f"alm_nside{nside}_iter{it}.csv", np.column_stack([ls, ms, alm.real, alm.imag]), "l,m,re,im")
        save(f"cl_nside{nside}_iter{it}.csv", hp.anafast(m, lmax=lmax, iter=it), "cl")

# smoothing by 10 degrees FWHM of the nside 16 map
m = np.loadtxt(os.path.join(out, "map_nside16.csv"), skiprows=1)
save("smooth_nside16_fwhm10.csv", hp.smoothing(m, fwhm=np.radians(10.0)), "value")

# dipole fit and removal on a map with a known monopole and dipole plus noise
nside = 16
x, y, z = hp.pix2vec(nside, np.arange(hp.nside2npix(nside)))
d = 1.0 + 0.3 * x - 0.2 * y + 0.5 * z + 0.1 * np.random.default_rng(3).normal(size=len(x))
save("dipole_in_nside16.csv", d, "value")
r, mono, dip = hp.remove_dipole(d, fitval=True)
save("dipole_out_nside16.csv", r, "value")
save("dipole_fit_nside16.csv", np.array([[mono, *dip]]), "mono,dx,dy,dz")
save("monopole_out_nside16.csv", hp.remove_monopole(d), "value")

# FITS files written by healpy
m8 = np.random.default_rng(4).normal(size=hp.nside2npix(8))
save("fits_map_nside8.csv", m8, "value")
hp.write_map(os.path.join(out, "healpy_nside8_float64.fits"), m8, dtype=np.float64, overwrite=True)
hp.write_map(os.path.join(out, "healpy_nside8_float32.fits"), m8, overwrite=True)
hp.write_map(os.path.join(out, "healpy_nside8_nested.fits"), hp.reorder(m8, r2n=True), nest=True,
             dtype=np.float64, overwrite=True)
m64 = np.random.default_rng(5).normal(size=hp.nside2npix(64))  # > 1024 pixels: 1024-element rows
save("fits_map_nside64.csv", m64, "value")
hp.write_map(os.path.join(out, "healpy_nside64_float64.fits"), m64, dtype=np.float64, overwrite=True)
print("fixtures written to", os.path.abspath(out))
