// Backward Boris integration of cosmic rays through nested slab-turbulence grids.
//
// The same source compiles for the GPU (nvcc) and for the host (g++ -x c++), so the step can be
// checked against the Java CPU engine without a GPU. The arithmetic mirrors
// org.anisoscope.tracking.CpuBacktracker / Boris / SlabField operation by operation; compile
// without FMA contraction (nvcc --fmad=false, g++ -ffp-contract=off) for round-off agreement.
//
// Units: c = 1, lengths in r_g, time in 1/Omega_rms, fields in B_rms. Charge sign -1: integrating
// dr/dt = u, du/dt = -u x b forward retraces the physical path backwards (u = -v).
#ifndef ANISOSCOPE_BACKTRACK_CU
#define ANISOSCOPE_BACKTRACK_CU

#ifndef __CUDACC__
#include <math.h>
#define __host__
#define __device__
#define __global__
#define __restrict__
#endif

#define ANISO_LOG2_POINTS 17
#define ANISO_POINTS (1 << ANISO_LOG2_POINTS)

// Turbulent field (dBx, dBy) at z: linear interpolation on every nested grid, summed.
// grids: ngrids blocks of 2*ANISO_POINTS doubles, (dBx, dBy) interleaved per point.
__host__ __device__ static inline void aniso_field(const double* __restrict__ grids,
                                                   const double* __restrict__ inv_spacing, int ngrids,
                                                   double z, double* bx_out, double* by_out) {
    double bx = 0.0, by = 0.0;
    for (int j = 0; j < ngrids; j++) {
        double u = z * inv_spacing[j];
        double fl = floor(u);
        double f = u - fl;
        int i0 = (int)((long long)fl & (ANISO_POINTS - 1));
        int i1 = (i0 + 1) & (ANISO_POINTS - 1);
        const double* g = grids + (long long)j * 2 * ANISO_POINTS;
        double gx0 = g[2 * i0], gy0 = g[2 * i0 + 1], gx1 = g[2 * i1], gy1 = g[2 * i1 + 1];
        bx += gx0 + f * (gx1 - gx0);
        by += gy0 + f * (gy1 - gy0);
    }
    *bx_out = bx;
    *by_out = by;
}

// steps Boris steps (drift half, rotate, drift half) of one particle, state in place.
__host__ __device__ static inline void aniso_advance(const double* __restrict__ grids,
                                                     const double* __restrict__ inv_spacing, int ngrids,
                                                     double b0, double dt, long long steps, double* s) {
    double px = s[0], py = s[1], pz = s[2], ux = s[3], uy = s[4], uz = s[5];
    double half = 0.5 * dt;
    double h = 0.5 * -1.0 * dt;  // 0.5 q dt with q = -1, as Boris.rotate computes it
    double tz = h * b0;
    for (long long n = 0; n < steps; n++) {
        px += half * ux;
        py += half * uy;
        pz += half * uz;
        double bx, by;
        aniso_field(grids, inv_spacing, ngrids, pz, &bx, &by);
        double tx = h * bx, ty = h * by;
        double sc = 2.0 / (1.0 + (tx * tx + ty * ty + tz * tz));
        double qx = ux + (uy * tz - uz * ty);
        double qy = uy + (uz * tx - ux * tz);
        double qz = uz + (ux * ty - uy * tx);
        double nx = ux + sc * (qy * tz - qz * ty);
        double ny = uy + sc * (qz * tx - qx * tz);
        double nz = uz + sc * (qx * ty - qy * tx);
        ux = nx;
        uy = ny;
        uz = nz;
        px += half * ux;
        py += half * uy;
        pz += half * uz;
    }
    s[0] = px; s[1] = py; s[2] = pz; s[3] = ux; s[4] = uy; s[5] = uz;
}

#ifdef __CUDACC__
// One thread per particle, structure of arrays: x, y, z, ux, uy, uz each of length n.
extern "C" __global__ void aniso_backtrack(const double* __restrict__ grids,
                                           const double* __restrict__ inv_spacing, int ngrids, double b0,
                                           double dt, long long steps, int n,
                                           double* __restrict__ x, double* __restrict__ y, double* __restrict__ z,
                                           double* __restrict__ ux, double* __restrict__ uy, double* __restrict__ uz) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    double s[6] = {x[i], y[i], z[i], ux[i], uy[i], uz[i]};
    aniso_advance(grids, inv_spacing, ngrids, b0, dt, steps, s);
    x[i] = s[0]; y[i] = s[1]; z[i] = s[2]; ux[i] = s[3]; uy[i] = s[4]; uz[i] = s[5];
}
#endif

#endif
