package org.anisoscope.sky;

import java.lang.invoke.MethodHandles;
import java.util.concurrent.ConcurrentHashMap;
import org.anisoscope.util.Parallel;
import org.anisoscope.util.VectorApi;
import org.jtransforms.fft.DoubleFFT_1D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * Spherical-harmonic transforms of HEALPix RING maps, with healpy's conventions: orthonormal
 * Y_lm with the Condon-Shortley phase, quadrature weight 4 pi / npix per pixel (healpy's default,
 * no ring weights), and anafast's Jacobi iteration for map2alm.
 *
 * <p>The transform is split as HEALPix's libsharp does: a real FFT per ring (JTransforms) and a
 * Legendre step per m. The Legendre step works on north/south ring pairs, using
 * lambda_lm(pi - theta) = (-1)^(l+m) lambda_lm(theta). Where the JVM has jdk.incubator.vector it runs
 * in {@link LegendreSimd}: vectors of ring pairs each carried up the whole recurrence in l in
 * registers. Otherwise (the scalar path) it runs the three-term recurrence in blocks of l for all ring
 * pairs at once (inner loop over rings, which C2 vectorises) and sums the blocks' rows. For
 * large m the starting value lambda_mm ~ sin^m(theta) underflows near the poles; such rings are
 * run in a scaled warm-up recurrence and only join the main loop once their values exceed
 * 2^-800, so no denormals enter the hot loop and nothing representable is lost.
 *
 * <p>An instance is a plan for one (nside, lmax); it is thread-safe, and keeps what it computes once
 * (recurrence seeds, phase tables, reusable buffers).
 */
public final class Sht {
    /** healpy's UNSEEN sentinel: such pixels (and NaN) are treated as zero in map2alm. */
    public static final double UNSEEN = -1.6375e30;

    /** Whether a pixel value is data: neither NaN nor (to healpy's tolerance) UNSEEN. */
    public static boolean seen(double v) {
        return !Double.isNaN(v) && Math.abs(v - UNSEEN) >= 1e-5 * Math.abs(UNSEEN);
    }

    private static final int SURFACE_EXP = -800; // log2 of the smallest value kept in the main loop
    private static final int RESCALE_EXP = 400;
    /** Multipoles per block of the Legendre step (even: blocks keep the l parity of their rows). */
    static final int BLOCK = 8;
    /** Ring pairs per chunk of the Legendre step (10 rows of 128 doubles: well inside L1). */
    private static final int CHUNK = 128;
    /** Ring pairs analysed together: 8 doubles, one cache line, per m in the transposed phases. */
    private static final int PAIR_GROUP = 8;

    /**
     * The Legendre step for one m, vectorised over ring pairs with the recurrence in registers:
     * {@link LegendreSimd}, where the JVM has {@code jdk.incubator.vector}. Ring pairs come in groups
     * of group() (the arrays over pairs are padded to whole groups); lsd holds each pair's start l
     * (+inf for pairs that never surface), s0 and s1 its seeds; ab is the m's offset into alpha and
     * gamma (lambda_l uses alpha[ab + l]).
     */
    interface VectorLegendre {
        int lanes();

        int group();

        /** Adds each map's per-lane partial sums to part (map q at q stride, multipole l at 2 lanes l: re lanes, then im). */
        void analysis(int kend, int lmax, int ab, double[] z, double[] lsd, double[] s0, double[] s1, double[] alpha,
                      double[] gamma, double[][] er, double[][] ei, double[][] or, double[][] oi, int base, double[] part,
                      int stride);

        /**
         * Writes each map's sums over l of a_lm lambda_lm (a_lm at cre[q][off[q] + l]) to acc (map q: even re, even im,
         * odd re, odd im at 4 q ..), in the scalar step's order.
         */
        void synthesis(int kend, int lm, int ab, double[] z, double[] lsd, double[] s0, double[] s1, double[] alpha,
                       double[] gamma, double[][] cre, double[][] cim, int[] off, double[][] acc);
    }

    private static final VectorLegendre VECTOR = VectorApi.load(MethodHandles.lookup(), "org.anisoscope.sky.LegendreSimd",
            VectorLegendre.class);

    /** The Legendre step's path in words, for --version and bench. */
    public static String path() {
        return VectorApi.path(VECTOR == null ? 0 : VECTOR.lanes());
    }

    /** The vectorised Legendre step, or null for the scalar one. */
    private final VectorLegendre simd;

    static {
        // parallelism is ours (over rings and m); keep JTransforms from spawning threads inside
        ConcurrencyUtils.setNumberOfThreads(1);
    }

    private final Healpix hp;
    private final int nside, lmax, threads, npairs, nring;
    /**
     * npairs rounded up to whole vectors: the Legendre step's arrays over ring pairs have this
     * length, and the pairs past npairs (like the pairs of a chunk not yet surfaced) hold zeros, so
     * the vectorised step runs over whole vectors and adds nothing for them.
     */
    private final int npad;
    private final int maxNphi;
    private final double[] pairZ;     // cos(theta) of the northern ring of each pair
    private final double[] pairSin;   // sin(theta) of the same ring
    private final double[] normMm;    // sqrt((2m+1)/(4 pi) prod_{i<=m} (2i-1)/(2i))
    private final double[] alpha;     // alpha_lm = sqrt((4l^2-1)/(l^2-m^2)), per m rows of lmax+4
    private final double[] beta;      // beta_lm = 1/alpha_{l-1,m}
    /**
     * gamma_lm = -alpha_lm beta_lm: the recurrence as lambda_l = (alpha_l z) lambda_{l-1} + gamma_l lambda_{l-2},
     * one fused multiply-add on the chain from one l to the next (both products are off it).
     */
    private final double[] gamma;
    private final int[] ringNphi;
    private final int[] ringStart;
    private final double[] ringPhi0;
    private final ConcurrentHashMap<Integer, DoubleFFT_1D> ffts = new ConcurrentHashMap<>();
    /**
     * cos(m phi0), sin(m phi0) for m = 0 .. lmax, interleaved, per distinct first-pixel longitude
     * phi0 (about nside + 2 of them: the equatorial rings share two): a ring's analysis and synthesis
     * took a sine and a cosine per m, a fifth of a transform's time.
     */
    private final ConcurrentHashMap<Long, double[]> phases = new ConcurrentHashMap<>();

    /** A Legendre recurrence's start for one m: ring pairs [0, kmax) surface, at lstart with seed0, seed1. */
    private record Seeds(int kmax, int[] lstart, double[] seed0, double[] seed1) {}

    /** Per m, made on first use (≤ 20 bytes per m and ring pair: 8 MB at Nside 256, lmax 767). */
    private final Seeds[] seeds;

    public Sht(int nside, int lmax, int threads) {
        this(nside, lmax, threads, true);
    }

    /** A plan on the scalar Legendre path when simd is false (to compare the paths); the SIMD one where it runs otherwise. */
    Sht(int nside, int lmax, int threads, boolean simd) {
        this.simd = simd ? VECTOR : null;
        this.hp = new Healpix(nside);
        if (lmax < 0) throw new IllegalArgumentException("lmax must be >= 0 (got " + lmax + ")");
        if (lmax > 4 * nside) {
            throw new IllegalArgumentException("lmax " + lmax + " is beyond what nside " + nside
                    + " resolves; use lmax <= " + (4 * nside));
        }
        this.nside = nside;
        this.lmax = lmax;
        this.seeds = new Seeds[lmax + 1];
        this.threads = Math.max(1, threads);
        this.nring = hp.nring();
        this.npairs = 2 * nside;
        int width = Math.max(PAIR_GROUP, this.simd == null ? 1 : this.simd.group());
        this.npad = (npairs + width - 1) / width * width;
        pairZ = new double[npad];
        pairSin = new double[npairs];
        for (int k = 0; k < npairs; k++) {
            int r = 2 * nside - k;
            pairZ[k] = hp.ringZ(r);
            pairSin[k] = hp.ringSinTheta(r);
        }
        ringNphi = new int[nring + 1];
        ringStart = new int[nring + 1];
        ringPhi0 = new double[nring + 1];
        int mx = 0;
        for (int r = 1; r <= nring; r++) {
            ringNphi[r] = hp.ringNpix(r);
            ringStart[r] = (int) hp.ringStart(r);
            ringPhi0[r] = hp.ringPhi0(r);
            mx = Math.max(mx, ringNphi[r]);
        }
        maxNphi = mx;
        normMm = new double[lmax + 1];
        double prod = 1.0;
        for (int m = 0; m <= lmax; m++) {
            if (m > 0) prod *= (2.0 * m - 1.0) / (2.0 * m);
            normMm[m] = Math.sqrt((2.0 * m + 1.0) / (4.0 * Math.PI) * prod);
        }
        int row = lmax + 4;
        alpha = new double[(lmax + 1) * row];
        beta = new double[(lmax + 1) * row];
        gamma = new double[(lmax + 1) * row];
        for (int m = 0; m <= lmax; m++) {
            for (int l = m + 1; l < m + row && l <= lmax + 3; l++) {
                double l2 = (double) l * l, m2 = (double) m * m;
                alpha[m * row + l - m] = Math.sqrt((4.0 * l2 - 1.0) / (l2 - m2));
                double lm1 = l - 1.0;
                beta[m * row + l - m] = Math.sqrt((lm1 * lm1 - m2) / (4.0 * lm1 * lm1 - 1.0));
                gamma[m * row + l - m] = -alpha[m * row + l - m] * beta[m * row + l - m];
            }
        }
    }

    public int nside() { return nside; }
    public int lmax() { return lmax; }
    public Healpix healpix() { return hp; }

    // ---- public transforms ---------------------------------------------------------------

    /** a_lm of a map with {@code iter} Jacobi iterations (healpy's map2alm(..., iter=N)). */
    public Alm map2alm(double[] map, int iter) {
        return map2alm(new double[][] {map}, iter)[0];
    }

    /**
     * a_lm of several maps at once, each exactly as {@link #map2alm(double[], int)} gives it (the
     * same sums in the same order), but with one Legendre recurrence for all of them: the
     * recurrence is about half the work of a Legendre step, so two maps cost ~1.4 of one.
     */
    public Alm[] map2alm(double[][] maps, int iter) {
        if (iter < 0) throw new IllegalArgumentException("iter must be >= 0 (got " + iter + ")");
        int q = maps.length;
        double[][] clean = new double[q][];
        for (int i = 0; i < q; i++) clean[i] = cleanMap(maps[i]);
        Alm[] alm = map2almOnce(clean);
        for (int it = 0; it < iter; it++) {
            double[][] back = alm2map(alm);
            for (int i = 0; i < q; i++) {
                double[] b = back[i], c = clean[i];
                for (int p = 0; p < b.length; p++) b[p] = c[p] - b[p];
            }
            Alm[] d = map2almOnce(back);
            for (int i = 0; i < q; i++) alm[i].add(d[i]);
        }
        return alm;
    }

    /** healpy's anafast: C_l of map2alm(map, iter). */
    public double[] anafast(double[] map, int iter) {
        return map2alm(map, iter).alm2cl();
    }

    /** Map synthesised from a_lm (healpy's alm2map); alm.lmax() may differ from the plan's. */
    public double[] alm2map(Alm alm) {
        return alm2map(new Alm[] {alm})[0];
    }

    /** Maps synthesised from several a_lm of one lmax, each as {@link #alm2map(Alm)}, with one recurrence. */
    public double[][] alm2map(Alm[] alms) {
        int almLmax = alms[0].lmax();
        for (Alm a : alms) {
            if (a.lmax() != almLmax) throw new IllegalArgumentException("the a_lm must share one lmax");
        }
        int lm = Math.min(lmax, almLmax), q = alms.length;
        // G[map][ring][2m] = sum_l a_lm lambda_lm(theta_ring): computed per m, then an FFT per ring
        Scratch sc = scratch(q);
        double[][][] g = sc.g;
        Workspace[] ws = workspaces();
        Parallel.forEach(lm + 1, threads, (w, m) -> legendreSynthesis(ws[w], alms, lm, m, g));
        double[][] maps = new double[q][(int) hp.npix()];
        double[][] buf = new double[Math.min(threads, nring)][];
        Parallel.forEach(nring * q, threads, (w, i) -> {
            if (buf[w] == null) buf[w] = new double[3 * maxNphi + 2];
            int map = i / nring, r = i % nring + 1;
            ringSynthesis(r, g[map][r], lm, buf[w], maps[map]);
        });
        giveBack(sc);
        return maps;
    }

    /** healpy's smoothing: Gaussian beam of the given FWHM (radians) applied with iter=3 analysis. */
    public double[] smoothing(double[] map, double fwhmRad, int iter) {
        if (!(fwhmRad >= 0) || !Double.isFinite(fwhmRad)) {
            throw new IllegalArgumentException("FWHM must be a finite angle >= 0 (got " + fwhmRad + ")");
        }
        Alm alm = map2alm(map, iter);
        return alm2map(alm.almxfl(gaussBeam(fwhmRad, lmax)));
    }

    /** healpy's gauss_beam: b_l = exp(-l(l+1) sigma^2 / 2), sigma = FWHM / sqrt(8 ln 2). */
    public static double[] gaussBeam(double fwhmRad, int lmax) {
        double sigma = fwhmRad / Math.sqrt(8.0 * Math.log(2.0));
        double[] b = new double[lmax + 1];
        for (int l = 0; l <= lmax; l++) b[l] = Math.exp(-0.5 * l * (l + 1.0) * sigma * sigma);
        return b;
    }

    /**
     * A transform's large buffers: the ring phases [m][pair] of each map (the padding past npairs is
     * never written, so stays zero) and G[ring][2m] of each map. Made once and reused, as long as the
     * memory is not wanted elsewhere: allocating and zeroing them was a tenth of a transform on two
     * threads, all of it on one. A Scratch serves transforms of exactly its number of maps; every
     * element a transform reads it has written first.
     */
    private final class Scratch {
        final double[][] er, ei, or, oi;
        final double[][][] g;

        Scratch(int maps) {
            er = new double[maps][(lmax + 1) * npad];
            ei = new double[maps][(lmax + 1) * npad];
            or = new double[maps][(lmax + 1) * npad];
            oi = new double[maps][(lmax + 1) * npad];
            g = new double[maps][nring + 1][2 * (lmax + 1)];
        }
    }

    private final java.util.concurrent.ConcurrentLinkedQueue<java.lang.ref.SoftReference<Scratch>> spare =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** A spare Scratch for exactly maps maps (the Legendre step counts the maps by its arrays), or a new one. */
    private Scratch scratch(int maps) {
        for (java.lang.ref.SoftReference<Scratch> r : spare) {
            Scratch s = r.get();
            if (s == null) spare.remove(r);
            else if (s.er.length == maps && spare.remove(r)) return s; // remove: only one taker
        }
        return new Scratch(maps);
    }

    private void giveBack(Scratch s) {
        spare.offer(new java.lang.ref.SoftReference<>(s));
    }

    // ---- analysis ------------------------------------------------------------------------

    private double[] cleanMap(double[] map) {
        if (map.length != hp.npix()) {
            throw new IllegalArgumentException("map has " + map.length + " pixels, nside " + nside
                    + " needs " + hp.npix());
        }
        double[] c = map.clone();
        for (int i = 0; i < c.length; i++) {
            if (!seen(c[i])) c[i] = 0.0;
        }
        return c;
    }

    private Alm[] map2almOnce(double[][] maps) {
        // phases, laid out [m][pair] so the Legendre step streams through them; one set per map
        int stride = npad, q = maps.length;
        Scratch sc = scratch(q);
        double[][] er = sc.er, ei = sc.ei, or = sc.or, oi = sc.oi;
        double w = hp.pixelArea();
        // ring pairs in groups of PAIR_GROUP, so that the transposition to [m][pair] writes whole cache
        // lines (one pair at a time wrote one double per line per m: 14 % of anafast, JFR, Nside 256)
        int groups = (npairs + PAIR_GROUP - 1) / PAIR_GROUP, phases = 2 * (lmax + 1);
        double[][] buf = new double[Math.min(threads, groups * q)][];
        Parallel.forEach(groups * q, threads, (wk, gi) -> {
            if (buf[wk] == null) buf[wk] = new double[2 * maxNphi + PAIR_GROUP * 2 * phases];
            double[] b = buf[wk], map = maps[gi / groups];
            double[] mer = er[gi / groups], mei = ei[gi / groups], mor = or[gi / groups], moi = oi[gi / groups];
            int g = gi % groups;
            int k0 = g * PAIR_GROUP, k1 = Math.min(npairs, k0 + PAIR_GROUP);
            int fn = 2 * maxNphi; // the FFT works in b[0, 2 maxNphi); pair k's north phases at fn + (k - k0) 2 phases, south after them
            for (int k = k0; k < k1; k++) {
                int off = fn + (k - k0) * 2 * phases;
                ringAnalysis(2 * nside - k, map, b, off, w);
                if (k > 0) ringAnalysis(2 * nside + k, map, b, off + phases, w);
                else java.util.Arrays.fill(b, off + phases, off + 2 * phases, 0.0); // the equator is its own pair
            }
            for (int m = 0; m <= lmax; m++) {
                for (int k = k0; k < k1; k++) {
                    int off = fn + (k - k0) * 2 * phases + 2 * m;
                    double nr = b[off], ni = b[off + 1], sr = b[off + phases], si = b[off + phases + 1];
                    int idx = m * stride + k;
                    mer[idx] = nr + sr;
                    mei[idx] = ni + si;
                    mor[idx] = nr - sr;
                    moi[idx] = ni - si;
                }
            }
        });
        Alm[] alm = new Alm[q];
        for (int i = 0; i < q; i++) alm[i] = new Alm(lmax);
        Workspace[] ws = workspaces();
        Parallel.forEach(lmax + 1, threads, (wk, m) -> legendreAnalysis(ws[wk], m, er, ei, or, oi, alm));
        giveBack(sc);
        return alm;
    }

    /** w * sum_j f_j exp(-i m phi_j) for m = 0..lmax, written as (re, im) pairs at b[off..]. */
    private void ringAnalysis(int r, double[] map, double[] b, int off, double w) {
        int n = ringNphi[r];
        System.arraycopy(map, ringStart[r], b, 0, n);
        fft(n).realForward(b, 0);
        double[] cs = phaseTable(ringPhi0[r]);
        for (int m = 0; m <= lmax; m++) {
            int k = m % n;
            double xr, xi;
            if (2 * k <= n) {
                if (k == 0) { xr = b[0]; xi = 0.0; }
                else if (2 * k == n) { xr = b[1]; xi = 0.0; }
                else { xr = b[2 * k]; xi = b[2 * k + 1]; }
            } else {
                int kk = n - k;
                xr = b[2 * kk];
                xi = -b[2 * kk + 1];
            }
            // multiply by w * exp(-i m phi0)
            double c = cs[2 * m], s = cs[2 * m + 1];
            b[off + 2 * m] = w * (xr * c + xi * s);
            b[off + 2 * m + 1] = w * (xi * c - xr * s);
        }
    }

    /**
     * Fills rows 2 .. n-1 of the block by the three-term recurrence: row j holds lambda_{l+j}. One
     * simple loop per row, so the JIT vectorises it.
     */
    private void recurse(double[][] rows, int n, int l, int arow, int k0, int nact) {
        double[] z = pairZ;
        for (int j = 2; j < n; j++) {
            double a = alpha[arow + l + j], g = gamma[arow + l + j];
            double[] r = rows[j], r1 = rows[j - 1], r2 = rows[j - 2];
            for (int k = k0; k < nact; k++) r[k] = Math.fma(a * z[k], r1[k], g * r2[k]);
        }
    }

    /**
     * a_lm for the eight multipoles of a full block: each ring's phases are loaded once and used by
     * all eight rows (sixteen independent sums: the loop is bound by arithmetic, not by loads).
     */
    private static void sumBlock(double[][] rows, int k0, int nact, int base, double[] er, double[] ei, double[] or,
                                 double[] oi, Alm alm, int l, int m) {
        double[] r0 = rows[0], r1 = rows[1], r2 = rows[2], r3 = rows[3];
        double[] r4 = rows[4], r5 = rows[5], r6 = rows[6], r7 = rows[7];
        double s0r = 0, s0i = 0, s1r = 0, s1i = 0, s2r = 0, s2i = 0, s3r = 0, s3i = 0;
        double s4r = 0, s4i = 0, s5r = 0, s5i = 0, s6r = 0, s6i = 0, s7r = 0, s7i = 0;
        for (int k = k0; k < nact; k++) {
            int i = base + k;
            double fer = er[i], fei = ei[i], forr = or[i], foi = oi[i];
            double x0 = r0[k], x1 = r1[k], x2 = r2[k], x3 = r3[k];
            double x4 = r4[k], x5 = r5[k], x6 = r6[k], x7 = r7[k];
            s0r = Math.fma(x0, fer, s0r);
            s0i = Math.fma(x0, fei, s0i);
            s1r = Math.fma(x1, forr, s1r);
            s1i = Math.fma(x1, foi, s1i);
            s2r = Math.fma(x2, fer, s2r);
            s2i = Math.fma(x2, fei, s2i);
            s3r = Math.fma(x3, forr, s3r);
            s3i = Math.fma(x3, foi, s3i);
            s4r = Math.fma(x4, fer, s4r);
            s4i = Math.fma(x4, fei, s4i);
            s5r = Math.fma(x5, forr, s5r);
            s5i = Math.fma(x5, foi, s5i);
            s6r = Math.fma(x6, fer, s6r);
            s6i = Math.fma(x6, fei, s6i);
            s7r = Math.fma(x7, forr, s7r);
            s7i = Math.fma(x7, foi, s7i);
        }
        alm.add(l, m, s0r, s0i);
        alm.add(l + 1, m, s1r, s1i);
        alm.add(l + 2, m, s2r, s2i);
        alm.add(l + 3, m, s3r, s3i);
        alm.add(l + 4, m, s4r, s4i);
        alm.add(l + 5, m, s5r, s5i);
        alm.add(l + 6, m, s6r, s6i);
        alm.add(l + 7, m, s7r, s7i);
    }

    /** What to do with one block of recurrence rows: rows[j][k] = lambda_{l+j} of pair k, k0 <= k < nact. */
    private interface BlockBody {
        void apply(double[][] rows, int l, int nl, int k0, int nact);
    }

    /**
     * Runs the recurrence for one m over all ring pairs that surface, in chunks of rings and blocks
     * of BLOCK multipoles up to lm, handing each block to body.
     */
    private void sweep(Workspace ws, int m, int lm, int kmax, BlockBody body) {
        int arow = m * (lmax + 4) - m;
        // rings in chunks, so a chunk's recurrence rows stay in the L1 cache
        for (int k0 = 0; k0 < kmax; k0 += CHUNK) {
            int kend = Math.min(kmax, k0 + CHUNK);
            int nact = k0;
            for (int l = ws.lstart[k0]; l <= lm; l += BLOCK) {
                nact = ws.inject(l, nact, kend);
                int nl = Math.min(BLOCK, lm - l + 1);
                recurse(ws.rows, nl + 2, l, arow, k0, nact);
                body.apply(ws.rows, l, nl, k0, nact);
                ws.advance();
            }
        }
    }

    /** Every map's a_lm for one m from one run of the recurrence: the rows are made once and summed against each map's phases. */
    private void legendreAnalysis(Workspace ws, int m, double[][] er, double[][] ei, double[][] or, double[][] oi, Alm[] alm) {
        int kmax = ws.prepare(m, lmax);
        int base = m * npad;
        BlockBody scalar = (rows, l, nl, k0, nact) -> {
            for (int q = 0; q < alm.length; q++) {
                if (nl == BLOCK) {
                    sumBlock(rows, k0, nact, base, er[q], ei[q], or[q], oi[q], alm[q], l, m);
                    continue;
                }
                double[] mer = er[q], mei = ei[q], mor = or[q], moi = oi[q];
                for (int j = 0; j < nl; j += 2) {
                    double[] re = rows[j], ro = rows[j + 1];
                    double s0r = 0, s0i = 0, s1r = 0, s1i = 0;
                    for (int k = k0; k < nact; k++) {
                        int i0 = base + k;
                        s0r += re[k] * mer[i0];
                        s0i += re[k] * mei[i0];
                        s1r += ro[k] * mor[i0];
                        s1i += ro[k] * moi[i0];
                    }
                    alm[q].add(l + j, m, s0r, s0i);
                    if (j + 1 < nl) alm[q].add(l + j + 1, m, s1r, s1i);
                }
            }
        };
        if (simd == null) {
            sweep(ws, m, lmax, kmax, scalar);
            return;
        }
        // per-lane partial sums in ws.part, added up in lane order once the m is done
        int lanes = simd.lanes(), stride = 2 * lanes * (lmax + 1), q = alm.length;
        double[] part = ws.partialSums(q * stride);
        for (int i = 0; i < q; i++) java.util.Arrays.fill(part, i * stride + 2 * lanes * m, (i + 1) * stride, 0.0);
        int kend = ws.padSeeds(kmax, simd.group());
        simd.analysis(kend, lmax, m * (lmax + 4) - m, pairZ, ws.lsd, ws.s0, ws.s1, alpha, gamma, er, ei, or, oi, base, part, stride);
        for (int i = 0; i < q; i++) {
            for (int l = m; l <= lmax; l++) {
                int at = i * stride + 2 * lanes * l;
                double sr = 0, si = 0;
                for (int c = 0; c < lanes; c++) {
                    sr += part[at + c];
                    si += part[at + lanes + c];
                }
                alm[i].add(l, m, sr, si);
            }
        }
    }

    // ---- synthesis -----------------------------------------------------------------------

    private void legendreSynthesis(Workspace ws, Alm[] alms, int lm, int m, double[][][] g) {
        int kmax = ws.prepare(m, lm), q = alms.length;
        double[][] acc = ws.accumulators(q); // per map: even-l real, even-l imaginary, odd-l real, odd-l imaginary
        for (double[] a : acc) java.util.Arrays.fill(a, 0, npad, 0.0);
        // even l (rows 0, 2, ..) feed the north+south sum, odd l the north-south difference
        BlockBody scalar = (rows, l, nl, k0, nact) -> {
            for (int j = 0; j < nl; j++) {
                double[] r = rows[j];
                for (int i = 0; i < q; i++) {
                    double[] gr = acc[4 * i + 2 * (j & 1)], gi = acc[4 * i + 2 * (j & 1) + 1];
                    double cr = alms[i].re(l + j, m), ci = alms[i].im(l + j, m);
                    for (int k = k0; k < nact; k++) {
                        gr[k] = Math.fma(r[k], cr, gr[k]);
                        gi[k] = Math.fma(r[k], ci, gi[k]);
                    }
                }
            }
        };
        if (simd == null) {
            sweep(ws, m, lm, kmax, scalar);
        } else {
            double[][] cre = new double[q][], cim = new double[q][];
            int[] off = new int[q];
            for (int i = 0; i < q; i++) {
                cre[i] = alms[i].re;
                cim[i] = alms[i].im;
                off[i] = Alm.index(alms[i].lmax(), 0, m);
            }
            int kend = ws.padSeeds(kmax, simd.group());
            simd.synthesis(kend, lm, m * (lmax + 4) - m, pairZ, ws.lsd, ws.s0, ws.s1, alpha, gamma, cre, cim, off, acc);
        }
        for (int i = 0; i < q; i++) {
            double[] ger = acc[4 * i], gei = acc[4 * i + 1], gor = acc[4 * i + 2], goi = acc[4 * i + 3];
            double[][] gq = g[i];
            for (int k = 0; k < npairs; k++) {
                int north = 2 * nside - k, south = 2 * nside + k;
                gq[north][2 * m] = ger[k] + gor[k];
                gq[north][2 * m + 1] = gei[k] + goi[k];
                if (k > 0) {
                    gq[south][2 * m] = ger[k] - gor[k];
                    gq[south][2 * m + 1] = gei[k] - goi[k];
                }
            }
        }
    }

    /** f_j = Re sum_m c_m G_m exp(i m phi_j) (c_0 = 1, c_m = 2) by one real inverse FFT. */
    private void ringSynthesis(int r, double[] gr, int lm, double[] b, double[] map) {
        int n = ringNphi[r];
        double[] tab = phaseTable(ringPhi0[r]);
        // H_k, k = 0..n-1: the m-sum folded modulo n (aliasing, as the pixels sample it)
        java.util.Arrays.fill(b, 0, 2 * n, 0.0);
        for (int m = 0; m <= lm; m++) {
            double c = m == 0 ? 1.0 : 2.0;
            double cs = tab[2 * m], sn = tab[2 * m + 1];
            double vr = gr[2 * m], vi = gr[2 * m + 1];
            int k = m % n;
            b[2 * k] += c * (vr * cs - vi * sn);
            b[2 * k + 1] += c * (vr * sn + vi * cs);
        }
        // Hermitian part S_k = (H_k + conj H_{n-k}) / 2 in JTransforms' packed real layout
        double[] out = b; // reuse the upper half of b for the packed spectrum
        int o = 2 * n;
        out[o] = b[0];
        out[o + 1] = b[n]; // Re H_{n/2}: (H + conj H)/2
        for (int k = 1; k < n / 2; k++) {
            int kk = n - k;
            out[o + 2 * k] = 0.5 * (b[2 * k] + b[2 * kk]);
            out[o + 2 * k + 1] = 0.5 * (b[2 * k + 1] - b[2 * kk + 1]);
        }
        // JTransforms' unscaled inverse differs by a factor 2 between its radix-2 and mixed-radix
        // plans; the scaled one is consistently (1/n) sum_k, so use it and undo the 1/n.
        fft(n).realInverse(out, o, true);
        int start = ringStart[r];
        for (int j = 0; j < n; j++) map[start + j] = n * out[o + j];
    }

    /** The plan's table of cos(m phi0), sin(m phi0) (the same values as computed in place). */
    private double[] phaseTable(double phi0) {
        return phases.computeIfAbsent(Double.doubleToLongBits(phi0), key -> {
            double[] t = new double[2 * (lmax + 1)];
            for (int m = 0; m <= lmax; m++) {
                t[2 * m] = Math.cos(m * phi0);
                t[2 * m + 1] = Math.sin(m * phi0);
            }
            return t;
        });
    }

    private DoubleFFT_1D fft(int n) {
        return ffts.computeIfAbsent(n, DoubleFFT_1D::new);
    }

    // ---- Legendre seeds ------------------------------------------------------------------

    private Workspace[] workspaces() {
        Workspace[] ws = new Workspace[Math.max(1, threads)];
        for (int i = 0; i < ws.length; i++) ws[i] = new Workspace();
        return ws;
    }

    /** Per-worker scratch for the Legendre step: seeds and current values per ring pair. */
    private final class Workspace {
        /** rows[j][k] = lambda_{l+j,m} of ring pair k for the current block starting at l. */
        double[][] rows = new double[BLOCK + 2][npad];
        /** The current m's seeds: this workspace's own, or the plan's cached ones (read only). */
        double[] seed0, seed1;
        int[] lstart;
        private final double[] ownSeed0 = new double[npairs], ownSeed1 = new double[npairs];
        private final int[] ownLstart = new int[npairs];
        private double[][] acc = new double[0][];

        private double[] part = new double[0];
        /** The vectorised step's start l (as a double, +inf past the pairs that surface) and seeds, padded to npad. */
        final double[] lsd = new double[npad], s0 = new double[npad], s1 = new double[npad];

        /** The vectorised analysis's per-lane partial sums, kept between calls. */
        double[] partialSums(int n) {
            if (part.length < n) part = new double[n];
            return part;
        }

        /** Copies the current m's starts and seeds into lsd, s0, s1; returns kmax rounded up to whole groups. */
        int padSeeds(int kmax, int group) {
            for (int k = 0; k < kmax; k++) {
                lsd[k] = lstart[k];
                s0[k] = seed0[k];
                s1[k] = seed1[k];
            }
            int kend = (kmax + group - 1) / group * group;
            java.util.Arrays.fill(lsd, kmax, npad, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(s0, kmax, npad, 0.0);
            java.util.Arrays.fill(s1, kmax, npad, 0.0);
            return kend;
        }

        /** Four accumulators of npad per map for the synthesis, kept between calls. */
        double[][] accumulators(int maps) {
            if (acc.length < 4 * maps) acc = new double[4 * maps][npad];
            return acc;
        }

        /** Activates the ring pairs whose recurrence starts at l; returns the new active count. */
        int inject(int l, int nact, int kmax) {
            while (nact < kmax && lstart[nact] == l) {
                rows[0][nact] = seed0[nact];
                rows[1][nact] = seed1[nact];
                nact++;
            }
            return nact;
        }

        /** Moves lambda_{l+BLOCK}, lambda_{l+BLOCK+1} into rows 0 and 1 for the next block. */
        void advance() {
            double[] t0 = rows[0], t1 = rows[1];
            rows[0] = rows[BLOCK];
            rows[1] = rows[BLOCK + 1];
            rows[BLOCK] = t0;
            rows[BLOCK + 1] = t1;
        }

        /**
         * For each ring pair, the first l >= m (with l - m a multiple of BLOCK) at which lambda_lm or
         * lambda_{l+1,m} exceeds 2^SURFACE_EXP, and the two values there. The start l is made
         * non-decreasing in k (rings ordered from the equator to the pole), so the active rings
         * are always a prefix. Returns the number of pairs that start at or before lm.
         */
        int prepare(int m, int lm) {
            for (double[] r : rows) java.util.Arrays.fill(r, 0.0);
            if (lm == lmax) {
                // the same seeds for every transform of the plan (an anafast with 3 iterations makes 7):
                // computed once per m and kept. A race computes them twice, identically: harmless.
                Seeds c = seeds[m];
                if (c == null) {
                    int[] ls = new int[npairs];
                    double[] s0 = new double[npairs], s1 = new double[npairs];
                    int kmax = computeSeeds(m, lm, ls, s0, s1);
                    c = new Seeds(kmax, java.util.Arrays.copyOf(ls, kmax), java.util.Arrays.copyOf(s0, kmax),
                            java.util.Arrays.copyOf(s1, kmax));
                    seeds[m] = c;
                }
                lstart = c.lstart();
                seed0 = c.seed0();
                seed1 = c.seed1();
                return c.kmax();
            }
            lstart = ownLstart;
            seed0 = ownSeed0;
            seed1 = ownSeed1;
            return computeSeeds(m, lm, lstart, seed0, seed1);
        }

        private int computeSeeds(int m, int lm, int[] lstart, double[] seed0, double[] seed1) {
            int lmin = m;
            int row = lmax + 4, arow = m * row - m;
            double sign = (m & 1) == 0 ? 1.0 : -1.0;
            for (int k = 0; k < npairs; k++) {
                // lambda_mm = sign * norm_m * sin^m(theta), as mantissa * 2^exp
                double s = pairSin[k];
                long exp = 0;
                double mant = 1.0;
                double base = s;
                long bexp = 0;
                if (m * Math.log(s) > -600) {
                    mant = Math.pow(s, m); // no underflow: pow is good to an ulp
                    base = 1.0;
                }
                for (int e = base == 1.0 ? 0 : m; e > 0; e >>= 1) {
                    if ((e & 1) != 0) {
                        mant *= base;
                        exp += bexp;
                        int ex = Math.getExponent(mant);
                        mant = Math.scalb(mant, -ex);
                        exp += ex;
                    }
                    base *= base;
                    bexp *= 2;
                    int bx = Math.getExponent(base);
                    base = Math.scalb(base, -bx);
                    bexp += bx;
                }
                double v0 = sign * normMm[m] * mant;
                double v1 = Math.sqrt(2.0 * m + 3.0) * pairZ[k] * v0;
                double zk = pairZ[k];
                int l = m;
                boolean found = false;
                while (true) {
                    if (l >= lmin && (l - m) % BLOCK == 0) { // start only where a block begins
                        int top = Math.max(Math.getExponent(v0), Math.getExponent(v1));
                        if (exp + top > SURFACE_EXP) {
                            found = true;
                            break;
                        }
                    }
                    if (l + 2 > lm) break;
                    double a2 = alpha[arow + l + 2], b2 = beta[arow + l + 2];
                    double a3 = alpha[arow + l + 3], b3 = beta[arow + l + 3];
                    double n0 = a2 * (zk * v1 - b2 * v0);
                    double n1 = a3 * (zk * n0 - b3 * v1);
                    v0 = n0;
                    v1 = n1;
                    l += 2;
                    int top = Math.max(Math.getExponent(v0), Math.getExponent(v1));
                    if (top > RESCALE_EXP) {
                        v0 = Math.scalb(v0, -RESCALE_EXP);
                        v1 = Math.scalb(v1, -RESCALE_EXP);
                        exp += RESCALE_EXP;
                    }
                }
                if (!found) return k; // this and every ring nearer the pole never surface
                lstart[k] = l;
                seed0[k] = Math.scalb(v0, (int) Math.max(exp, Integer.MIN_VALUE / 2));
                seed1[k] = Math.scalb(v1, (int) Math.max(exp, Integer.MIN_VALUE / 2));
                lmin = l;
            }
            return npairs;
        }
    }
}
