/* The speed anchor for the plane-wave (isotropic) Boris step, tracking.PlaneWaveStep: the same physics,
 * layout and arithmetic in C (drift-kick-drift, charge -1, the field summed over the modes in order,
 * each cosine the portable one of kernels/portable_cos.cuh, the rotation about B0 z + dB), particles in
 * lock-step blocks of 256 with the particle loop innermost so that gcc vectorises it (explicit fma(),
 * -ffp-contract=off keeps every other product unfused, as in Java). Modes: log-spaced k from 2 pi rho/5
 * to 2 pi 150, directions and polarisations from a fixed simple generator (not the app's field: only
 * the speed compares). Build and run:
 *   gcc -O3 -march=native -fno-trapping-math -ffp-contract=off -fopenmp -I kernels -o planewave src/test/bench/planewave.c -lm
 *   ./planewave NPART NSTEPS NMODES THREADS      (prints "particle-steps/s: X")
 */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include "portable_cos.cuh"

#define BLOCK 256

int main(int argc, char** argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: planewave NPART NSTEPS NMODES THREADS\n");
        return 2;
    }
    int np = atoi(argv[1]), steps = atoi(argv[2]), nm = atoi(argv[3]);
    omp_set_num_threads(atoi(argv[4]));
    double *kx = malloc(nm * sizeof(double)), *ky = malloc(nm * sizeof(double)), *kz = malloc(nm * sizeof(double));
    double *ax = malloc(nm * sizeof(double)), *ay = malloc(nm * sizeof(double)), *az = malloc(nm * sizeof(double)), *ph = malloc(nm * sizeof(double));
    double kmin = 2 * M_PI * 0.09 / 5, kmax = 2 * M_PI * 150, eta = 0.5, sum = 0;
    unsigned long long st = 88172645463325252ULL;
    for (int n = 0; n < nm; n++) {
        double k = kmin * pow(kmax / kmin, (double) n / (nm - 1));
        st ^= st << 13; st ^= st >> 7; st ^= st << 17;
        double u1 = (st >> 11) * 0x1.0p-53;
        st ^= st << 13; st ^= st >> 7; st ^= st << 17;
        double u2 = (st >> 11) * 0x1.0p-53;
        st ^= st << 13; st ^= st >> 7; st ^= st << 17;
        double u3 = (st >> 11) * 0x1.0p-53;
        double ct = 2 * u1 - 1, stt = sqrt(1 - ct * ct), phi = 2 * M_PI * u2, al = 2 * M_PI * u3;
        double a2 = pow(k, 1 - 5.0 / 3.0);
        sum += a2;
        kx[n] = k * stt * cos(phi); ky[n] = k * stt * sin(phi); kz[n] = k * ct;
        ax[n] = a2 * (cos(al) * ct * cos(phi) - sin(al) * sin(phi));
        ay[n] = a2 * (cos(al) * ct * sin(phi) + sin(al) * cos(phi));
        az[n] = a2 * (-cos(al) * stt);
        ph[n] = 2 * M_PI * u1 * u2;
    }
    for (int n = 0; n < nm; n++) { double f = sqrt(2 * eta / sum / (ax[n] * ax[n] + ay[n] * ay[n] + az[n] * az[n]) * pow(kmin * pow(kmax / kmin, (double) n / (nm - 1)), 1 - 5.0 / 3.0)); ax[n] *= f; ay[n] *= f; az[n] *= f; }
    double *x = calloc(np, sizeof(double)), *y = calloc(np, sizeof(double)), *z = calloc(np, sizeof(double));
    double *ux = malloc(np * sizeof(double)), *uy = malloc(np * sizeof(double)), *uz = malloc(np * sizeof(double));
    for (int p = 0; p < np; p++) {
        double mu = 1 - 2 * (p + 0.5) / np, s = sqrt(1 - mu * mu), phi = p * 2.399963229728653;
        ux[p] = s * cos(phi); uy[p] = s * sin(phi); uz[p] = mu;
    }
    double dt = 0.05, half = 0.5 * dt, h = 0.5 * -1.0 * dt, b0 = sqrt(1 - eta);
    int nb = (np + BLOCK - 1) / BLOCK;
    double t0 = omp_get_wtime();
#pragma omp parallel for schedule(dynamic)
    for (int b = 0; b < nb; b++) {
        int p0 = b * BLOCK, p1 = p0 + BLOCK < np ? p0 + BLOCK : np;
        double px[BLOCK], py[BLOCK], pz[BLOCK], bx[BLOCK], by[BLOCK], bz[BLOCK];
        for (int s = 0; s < steps; s++) {
            for (int p = p0; p < p1; p++) {
                px[p - p0] = x[p] + half * ux[p]; py[p - p0] = y[p] + half * uy[p]; pz[p - p0] = z[p] + half * uz[p];
                bx[p - p0] = 0; by[p - p0] = 0; bz[p - p0] = 0;
            }
            for (int n = 0; n < nm; n++) {
                double kxn = kx[n], kyn = ky[n], kzn = kz[n], phn = ph[n], axn = ax[n], ayn = ay[n], azn = az[n];
#pragma omp simd
                for (int i = 0; i < p1 - p0; i++) {
                    double c = aniso_cos(kxn * px[i] + kyn * py[i] + kzn * pz[i] + phn);
                    bx[i] += axn * c; by[i] += ayn * c; bz[i] += azn * c;
                }
            }
#pragma omp simd
            for (int i = 0; i < p1 - p0; i++) {
                int p = p0 + i;
                double vx = ux[p], vy = uy[p], vz = uz[p];
                double tx = h * bx[i], ty = h * by[i], tz = h * (b0 + bz[i]);
                double sf = 2.0 / (1.0 + (tx * tx + ty * ty + tz * tz));
                double qx = vx + (vy * tz - vz * ty), qy = vy + (vz * tx - vx * tz), qz = vz + (vx * ty - vy * tx);
                vx = vx + sf * (qy * tz - qz * ty); vy = vy + sf * (qz * tx - qx * tz); vz = vz + sf * (qx * ty - qy * tx);
                x[p] = px[i] + half * vx; y[p] = py[i] + half * vy; z[p] = pz[i] + half * vz;
                ux[p] = vx; uy[p] = vy; uz[p] = vz;
            }
        }
    }
    double el = omp_get_wtime() - t0, chk = 0;
    for (int p = 0; p < np; p++) chk += z[p];
    printf("check %.6e\nparticle-steps/s: %.4e\n", chk, (double) np * steps / el);
    return 0;
}
