// Test and benchmark harness for backtrack.cu, used by the Java tests (host build) and on a lent
// GPU (nvcc build). Input file (little endian):
//   int32 ngrids, int32 n, int64 steps, double b0, double dt,
//   double inv_spacing[ngrids], double cells[ngrids * ANISO_CELL * 2^17] (the grids as the kernel reads
//   them, laid out by tracking.CudaBacktracker.cells), double state[6 * n] (x,y,z,ux,uy,uz per particle)
// Usage:
//   harness host IN OUT           advance every particle `steps` steps on the CPU, write state[6n]
//   harness gpu  IN OUT           the same with the CUDA kernel (nvcc build only)
//   harness bench-host IN N STEPS time N particles (copies of the input's) for STEPS steps on one core
//   harness bench-gpu  IN N STEPS the same on the GPU (nvcc build only)
//   harness compare A B           largest |a-b| / max(1, |a|) between two state files
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "backtrack.cu"

typedef struct {
    int ngrids, n;
    long long steps;
    double b0, dt;
    double* inv_spacing;
    double* cells;  // the grids as the kernel reads them
    double* state;
} Input;

static void die(const char* m) { fprintf(stderr, "harness: %s\n", m); exit(2); }

static Input load(const char* path) {
    Input in;
    FILE* f = fopen(path, "rb");
    if (!f) die("cannot open input");
    if (fread(&in.ngrids, 4, 1, f) != 1 || fread(&in.n, 4, 1, f) != 1 || fread(&in.steps, 8, 1, f) != 1
        || fread(&in.b0, 8, 1, f) != 1 || fread(&in.dt, 8, 1, f) != 1) die("short header");
    size_t ng = (size_t)in.ngrids * ANISO_CELL * ANISO_POINTS;
    in.inv_spacing = (double*)malloc(8 * in.ngrids);
    in.cells = (double*)malloc(8 * ng);
    in.state = (double*)malloc(8 * 6 * (size_t)in.n);
    if (fread(in.inv_spacing, 8, in.ngrids, f) != (size_t)in.ngrids || fread(in.cells, 8, ng, f) != ng
        || fread(in.state, 8, 6 * (size_t)in.n, f) != 6 * (size_t)in.n) die("short data");
    fclose(f);
    return in;
}

static void save(const char* path, const double* s, size_t count) {
    FILE* f = fopen(path, "wb");
    if (!f || fwrite(s, 8, count, f) != count) die("cannot write output");
    fclose(f);
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static double* replicate(const Input* in, int n) {
    double* s = (double*)malloc(8 * 6 * (size_t)n);
    for (int i = 0; i < n; i++) memcpy(s + 6 * (size_t)i, in->state + 6 * (size_t)(i % in->n), 48);
    return s;
}

#ifdef __CUDACC__
#define CK(x) do { cudaError_t e = (x); if (e != cudaSuccess) { fprintf(stderr, "CUDA: %s (%s)\n", cudaGetErrorString(e), #x); exit(3); } } while (0)

// Runs the kernel on n particles (AoS in s, converted to SoA on the device); returns kernel seconds.
static double run_gpu(const Input* in, double* s, int n, long long steps) {
    size_t ng = (size_t)in->ngrids * ANISO_CELL * ANISO_POINTS;
    double *dg, *dinv, *d[6];
    CK(cudaMalloc(&dg, 8 * ng));
    CK(cudaMalloc(&dinv, 8 * in->ngrids));
    CK(cudaMemcpy(dg, in->cells, 8 * ng, cudaMemcpyHostToDevice));
    CK(cudaMemcpy(dinv, in->inv_spacing, 8 * in->ngrids, cudaMemcpyHostToDevice));
    double* soa = (double*)malloc(8 * (size_t)n);
    for (int c = 0; c < 6; c++) {
        CK(cudaMalloc(&d[c], 8 * (size_t)n));
        for (int i = 0; i < n; i++) soa[i] = s[6 * (size_t)i + c];
        CK(cudaMemcpy(d[c], soa, 8 * (size_t)n, cudaMemcpyHostToDevice));
    }
    int bs = 128, nb = (n + bs - 1) / bs;
    cudaEvent_t a, b;
    CK(cudaEventCreate(&a));
    CK(cudaEventCreate(&b));
    CK(cudaEventRecord(a));
    aniso_backtrack<<<nb, bs>>>(dg, dinv, in->ngrids, in->b0, in->dt, steps, n, d[0], d[1], d[2], d[3], d[4], d[5]);
    CK(cudaGetLastError());
    CK(cudaEventRecord(b));
    CK(cudaEventSynchronize(b));
    float ms;
    CK(cudaEventElapsedTime(&ms, a, b));
    for (int c = 0; c < 6; c++) {
        CK(cudaMemcpy(soa, d[c], 8 * (size_t)n, cudaMemcpyDeviceToHost));
        for (int i = 0; i < n; i++) s[6 * (size_t)i + c] = soa[i];
        CK(cudaFree(d[c]));
    }
    free(soa);
    CK(cudaFree(dg));
    CK(cudaFree(dinv));
    return ms / 1e3;
}
#endif

static double* load_raw(const char* path, size_t* count) {
    FILE* f = fopen(path, "rb");
    if (!f) die("cannot open state file");
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    *count = (size_t)len / 8;
    double* d = (double*)malloc(len);
    if (fread(d, 8, *count, f) != *count) die("short state file");
    fclose(f);
    return d;
}

int main(int argc, char** argv) {
    if (argc < 3) die("usage: harness host|gpu|bench-host|bench-gpu|compare IN [OUT | N STEPS]");
    if (!strcmp(argv[1], "compare")) {
        if (argc < 4) die("compare needs two files");
        size_t na, nb;
        double *a = load_raw(argv[2], &na), *b = load_raw(argv[3], &nb);
        if (na != nb) die("files differ in length");
        double worst = 0;
        for (size_t i = 0; i < na; i++) {
            double d = fabs(a[i] - b[i]) / (fabs(a[i]) > 1 ? fabs(a[i]) : 1);
            if (d > worst) worst = d;
        }
        printf("max relative difference: %.3e over %zu values\n", worst, na);
        return 0;
    }
    Input in = load(argv[2]);
    if (!strcmp(argv[1], "host")) {
        if (argc < 4) die("host needs OUT");
        for (int i = 0; i < in.n; i++) aniso_advance(in.cells, in.inv_spacing, in.ngrids, in.b0, in.dt, in.steps, in.state + 6 * (size_t)i);
        save(argv[3], in.state, 6 * (size_t)in.n);
        return 0;
    }
    if (!strcmp(argv[1], "bench-host")) {
        if (argc < 5) die("bench-host needs N STEPS");
        int n = atoi(argv[3]);
        long long steps = atoll(argv[4]);
        double* s = replicate(&in, n);
        double t0 = now();
        for (int i = 0; i < n; i++) aniso_advance(in.cells, in.inv_spacing, in.ngrids, in.b0, in.dt, steps, s + 6 * (size_t)i);
        double t = now() - t0, chk = 0;
        for (int i = 0; i < n; i++) chk += s[6 * (size_t)i + 2];
        printf("host C loop, 1 core: %d particles x %lld steps in %.3f s (checksum %.6e)\n", n, steps, t, chk);
        printf("particle-steps/s: %.4e\n", n * (double)steps / t);
        return 0;
    }
#ifdef __CUDACC__
    if (!strcmp(argv[1], "gpu")) {
        if (argc < 4) die("gpu needs OUT");
        run_gpu(&in, in.state, in.n, in.steps);
        save(argv[3], in.state, 6 * (size_t)in.n);
        return 0;
    }
    if (!strcmp(argv[1], "bench-gpu")) {
        if (argc < 5) die("bench-gpu needs N STEPS");
        int n = atoi(argv[3]);
        long long steps = atoll(argv[4]);
        double* s = replicate(&in, n);
        run_gpu(&in, s, n < 100000 ? n : 100000, 10);  // warm-up
        double t = run_gpu(&in, s, n, steps);
        cudaDeviceProp p;
        CK(cudaGetDeviceProperties(&p, 0));
        printf("%s: %d particles x %lld steps in %.4f s (kernel time)\n", p.name, n, steps, t);
        printf("particle-steps/s: %.4e\n", n * (double)steps / t);
        return 0;
    }
#endif
    die("unknown mode (gpu modes need the nvcc build)");
    return 2;
}
