// cos x with the same bits in Java (org.anisoscope.turbulence.PortableCos, scalar and Vector API),
// on the host (g++) and on the GPU (nvcc): only additions, multiplications and explicit fused
// multiply-adds, each correctly rounded everywhere, in PortableCos's order and with its constants
// (written as hexadecimal literals, so they are the same bits). The plane-wave (isotropic) field
// sums cos(k.r + beta) over its modes; libm's, CUDA's and the JVM's cos differ in the last bits,
// this one does not. Compile without FMA contraction (nvcc --fmad=false, g++ -ffp-contract=off)
// so that no other product is fused. Valid for |x| < 2^50.
#ifndef ANISOSCOPE_PORTABLE_COS_CUH
#define ANISOSCOPE_PORTABLE_COS_CUH

#ifndef __CUDACC__
#include <math.h>
#ifndef __host__
#define __host__
#define __device__
#endif
#endif

__host__ __device__ static inline double aniso_cos(double x) {
    const double inv_two_pi = 0x1.45f306dc9c883p-3; // 1 / (2 pi), rounded as Java rounds it
    // 2 pi in three parts: rounded, the rest rounded, what then remains
    const double c1 = 6.283185307179586, c2 = 2.4492935982947064e-16, c3 = -5.989539619436679e-33;
    const double round = 0x1.8p52;
    double n = (x * inv_two_pi + round) - round;
    double r = fma(-n, c1, x);
    r = fma(-n, c2, r);
    r = fma(-n, c3, r);
    double s = r * r;
    // (-1)^j / (2j)!, j = 14 down to 0: Horner in s
    double p = 0x1.0a18a2635085dp-98;
    p = fma(p, s, -0x1.88e85fc6a4e59p-89);
    p = fma(p, s, 0x1.f2cf01972f578p-80);
    p = fma(p, s, -0x1.0ce396db7f853p-70);
    p = fma(p, s, 0x1.e542ba4020225p-62);
    p = fma(p, s, -0x1.6827863b97d97p-53);
    p = fma(p, s, 0x1.ae7f3e733b81fp-45);
    p = fma(p, s, -0x1.93974a8c07c9dp-37);
    p = fma(p, s, 0x1.1eed8eff8d898p-29);
    p = fma(p, s, -0x1.27e4fb7789f5cp-22);
    p = fma(p, s, 0x1.a01a01a01a01ap-16);
    p = fma(p, s, -0x1.6c16c16c16c17p-10);
    p = fma(p, s, 0x1.5555555555555p-5);
    p = fma(p, s, -0x1.0p-1);
    p = fma(p, s, 0x1.0p0);
    return p;
}

#endif
