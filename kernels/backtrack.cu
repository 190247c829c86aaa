// Backward Boris integration of cosmic rays through nested slab-turbulence grids, and through the
// plane waves of isotropic turbulence.
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

#include "portable_cos.cuh"

#define ANISO_LOG2_POINTS 17
#define ANISO_POINTS (1 << ANISO_LOG2_POINTS)

// The grids as the kernel reads them: for every point i of grid j a cell of ANISO_CELL doubles,
// (dBx_i, dBy_i, dBx_i+1, dBy_i+1) with i+1 taken periodically (laid out on the host by
// tracking.CudaBacktracker.cells, which the harness's input carries too). An interpolation's two corners then
// lie in one aligned 32-byte sector, read as two 16-byte loads, where the interleaved grid took four
// 8-byte loads touching one or two sectors. The kernel is bound by these gathers in L1 (ncu on an
// H200, Nside 256: L1/TEX throughput 96 % before and after; the kernel 1.36x faster with cells,
// 22.2 -> 16.4 ms for 2000 steps; docs/benchmarks.md). Twice the memory (4 MiB a grid), still in L2.
#define ANISO_CELL 4

// Turbulent field (dBx, dBy) at z: linear interpolation on every nested grid, summed.
// cells: ngrids blocks of ANISO_CELL * ANISO_POINTS doubles.
__host__ __device__ static inline void aniso_field(const double* __restrict__ cells,
                                                   const double* __restrict__ inv_spacing, int ngrids,
                                                   double z, double* bx_out, double* by_out) {
    double bx = 0.0, by = 0.0;
    for (int j = 0; j < ngrids; j++) {
        double u = z * inv_spacing[j];
        double fl = floor(u);
        double f = u - fl;
        int i0 = (int)((long long)fl & (ANISO_POINTS - 1));
        const double* c = cells + ((long long)j * ANISO_POINTS + i0) * ANISO_CELL;
#ifdef __CUDA_ARCH__  // the device pass (nvcc's host pass of harness.cu compiles this function too)
        double2 lo = __ldg((const double2*)c), hi = __ldg((const double2*)c + 1);
        double gx0 = lo.x, gy0 = lo.y, gx1 = hi.x, gy1 = hi.y;
#else
        double gx0 = c[0], gy0 = c[1], gx1 = c[2], gy1 = c[3];
#endif
        bx += gx0 + f * (gx1 - gx0);
        by += gy0 + f * (gy1 - gy0);
    }
    *bx_out = bx;
    *by_out = by;
}

// The Boris rotation of u by t = (tx, ty, tz) = 0.5 q dt b, in place (tracking.Boris.rotate's order).
__host__ __device__ static inline void aniso_rotate(double tx, double ty, double tz, double* ux, double* uy, double* uz) {
    double sc = 2.0 / (1.0 + (tx * tx + ty * ty + tz * tz));
    double qx = *ux + (*uy * tz - *uz * ty);
    double qy = *uy + (*uz * tx - *ux * tz);
    double qz = *uz + (*ux * ty - *uy * tx);
    double nx = *ux + sc * (qy * tz - qz * ty);
    double ny = *uy + sc * (qz * tx - qx * tz);
    double nz = *uz + sc * (qx * ty - qy * tx);
    *ux = nx;
    *uy = ny;
    *uz = nz;
}

// steps Boris steps (drift half, rotate, drift half) of one particle, state in place.
__host__ __device__ static inline void aniso_advance(const double* __restrict__ cells,
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
        aniso_field(cells, inv_spacing, ngrids, pz, &bx, &by);
        aniso_rotate(h * bx, h * by, tz, &ux, &uy, &uz);
        px += half * ux;
        py += half * uy;
        pz += half * uz;
    }
    s[0] = px; s[1] = py; s[2] = pz; s[3] = ux; s[4] = uy; s[5] = uz;
}

// The isotropic field's plane waves as the kernel reads them: 7 arrays of `modes` doubles one after
// another, k_x, k_y, k_z (wave vectors, 1/r_g), a_x, a_y, a_z (amplitude vectors, B_rms) and beta (phases),
// in mode order (turbulence.IsotropicField.modeArrays). Every thread reads the same mode at once: one
// broadcast load per warp, from L1.
#define ANISO_WAVE_ARRAYS 7

// steps Boris steps of one particle through the plane-wave field, state in place: the step of
// tracking.PlaneWaveStep, operation by operation (the modes summed in order, each cosine aniso_cos,
// the rotation about B0 z + dB with its dB_z).
__host__ __device__ static inline void aniso_advance_waves(const double* __restrict__ waves, int modes, double b0,
                                                           double dt, long long steps, double* s) {
    const double* kx = waves;
    const double* ky = waves + modes;
    const double* kz = waves + 2 * (long long)modes;
    const double* ax = waves + 3 * (long long)modes;
    const double* ay = waves + 4 * (long long)modes;
    const double* az = waves + 5 * (long long)modes;
    const double* ph = waves + 6 * (long long)modes;
    double px = s[0], py = s[1], pz = s[2], ux = s[3], uy = s[4], uz = s[5];
    double half = 0.5 * dt;
    double h = 0.5 * -1.0 * dt;
    for (long long n = 0; n < steps; n++) {
        px += half * ux;
        py += half * uy;
        pz += half * uz;
        double bx = 0.0, by = 0.0, bz = 0.0;
        for (int j = 0; j < modes; j++) {
            double c = aniso_cos(kx[j] * px + ky[j] * py + kz[j] * pz + ph[j]);
            bx += ax[j] * c;
            by += ay[j] * c;
            bz += az[j] * c;
        }
        aniso_rotate(h * bx, h * by, h * (b0 + bz), &ux, &uy, &uz);
        px += half * ux;
        py += half * uy;
        pz += half * uz;
    }
    s[0] = px; s[1] = py; s[2] = pz; s[3] = ux; s[4] = uy; s[5] = uz;
}

#ifdef __CUDACC__
// One thread per particle, structure of arrays: x, y, z, ux, uy, uz each of length n.
extern "C" __global__ void aniso_backtrack(const double* __restrict__ cells,
                                           const double* __restrict__ inv_spacing, int ngrids, double b0,
                                           double dt, long long steps, int n,
                                           double* __restrict__ x, double* __restrict__ y, double* __restrict__ z,
                                           double* __restrict__ ux, double* __restrict__ uy, double* __restrict__ uz) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    double s[6] = {x[i], y[i], z[i], ux[i], uy[i], uz[i]};
    aniso_advance(cells, inv_spacing, ngrids, b0, dt, steps, s);
    x[i] = s[0]; y[i] = s[1]; z[i] = s[2]; ux[i] = s[3]; uy[i] = s[4]; uz[i] = s[5];
}

// The same through the plane-wave field (isotropic turbulence): waves as ANISO_WAVE_ARRAYS arrays of modes.
extern "C" __global__ void aniso_backtrack_waves(const double* __restrict__ waves, int modes, double b0,
                                                 double dt, long long steps, int n,
                                                 double* __restrict__ x, double* __restrict__ y, double* __restrict__ z,
                                                 double* __restrict__ ux, double* __restrict__ uy, double* __restrict__ uz) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    double s[6] = {x[i], y[i], z[i], ux[i], uy[i], uz[i]};
    aniso_advance_waves(waves, modes, b0, dt, steps, s);
    x[i] = s[0]; y[i] = s[1]; z[i] = s[2]; ux[i] = s[3]; uy[i] = s[4]; uz[i] = s[5];
}
#endif

#endif
