// A stand-in for the NVIDIA driver (libcuda.so.1) on machines without a GPU: the part of the driver
// API that tracking.CudaBacktracker calls through JCuda, with "device memory" in host memory and the
// kernel aniso_backtrack run by the host build of its own step (backtrack.cu). JCuda's native library
// links against libcuda.so.1 by name, so a JVM started with this library's folder first on
// LD_LIBRARY_PATH drives the real engine code (JCuda's marshalling of every argument, the launch
// geometry, the chunking, the copies, the frees) end to end; only the silicon is missing.
//
//   g++ -O2 -ffp-contract=off -shared -fPIC -o DIR/libcuda.so.1 src/test/cuda/mock_libcuda.cpp
//
// It checks what a device would not forgive: every copy and every kernel argument must lie inside
// one live allocation, the launch must cover all n particles, handles must be live. Faults to
// inject, from the environment:
//   ANISO_MOCK_DEVICES=0        no device
//   ANISO_MOCK_FREE_MIB=M       cuMemGetInfo reports M MiB free
//   ANISO_MOCK_FAIL_LAUNCH=K    the K-th kernel launch in this process fails (CUDA_ERROR_LAUNCH_FAILED)
// and ANISO_MOCK_LOG=FILE appends a line per context made ("made"), per context destroyed or primary
// context released to nothing ("destroyed: live allocations N", "released: live allocations N") and
// one at the process's exit ("exit: live allocations N").
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

#include "backtrack.cu"

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;
typedef struct MockHandle* CUcontext;
typedef struct MockHandle* CUmodule;
typedef struct MockHandle* CUfunction;
typedef void* CUstream;

enum {
    CUDA_SUCCESS = 0,
    CUDA_ERROR_INVALID_VALUE = 1,
    CUDA_ERROR_OUT_OF_MEMORY = 2,
    CUDA_ERROR_NOT_INITIALIZED = 3,
    CUDA_ERROR_NO_DEVICE = 100,
    CUDA_ERROR_INVALID_DEVICE = 101,
    CUDA_ERROR_INVALID_IMAGE = 200,
    CUDA_ERROR_INVALID_CONTEXT = 201,
    CUDA_ERROR_INVALID_HANDLE = 400,
    CUDA_ERROR_NOT_FOUND = 500,
    CUDA_ERROR_LAUNCH_FAILED = 719,
};

struct MockHandle {
    int kind;  // 1 context, 2 module, 3 function
};

static const size_t TOTAL = 80ull << 30;  // an H100's 80 GiB
static std::mutex lock;
static bool initialised = false;
static std::map<CUdeviceptr, size_t> live;  // base -> bytes
static size_t liveBytes = 0;
static int launches = 0;
static thread_local CUcontext current = nullptr;  // as the driver's: one per thread
static CUcontext primary = nullptr;
static int primaryRefs = 0;

static long envLong(const char* name, long otherwise) {
    const char* v = getenv(name);
    return v && *v ? atol(v) : otherwise;
}

// [p, p + bytes) inside one live allocation?
static bool inside(CUdeviceptr p, size_t bytes) {
    auto it = live.upper_bound(p);
    if (it == live.begin()) return false;
    --it;
    return p >= it->first && p + bytes <= it->first + it->second;
}

static void logLine(const char* what, bool withLive) {
    const char* log = getenv("ANISO_MOCK_LOG");
    if (!log) return;
    if (FILE* f = fopen(log, "a")) {
        if (withLive) fprintf(f, "%s: live allocations %zu\n", what, live.size());
        else fprintf(f, "%s\n", what);
        fclose(f);
    }
}

// frees a context's memory, as the driver does when a context goes
static void freeAll() {
    for (auto& a : live) free((void*)a.first);
    live.clear();
    liveBytes = 0;
}

static struct AtExit {
    ~AtExit() { logLine("exit", true); }
} atExit;

extern "C" {

CUresult cuInit(unsigned int flags) {
    if (flags != 0) return CUDA_ERROR_INVALID_VALUE;
    initialised = true;
    return CUDA_SUCCESS;
}

CUresult cuDriverGetVersion(int* v) {
    *v = 13000;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetCount(int* count) {
    if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
    *count = (int)envLong("ANISO_MOCK_DEVICES", 1);
    return CUDA_SUCCESS;
}

CUresult cuDeviceGet(CUdevice* d, int ordinal) {
    if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
    if (ordinal < 0 || ordinal >= envLong("ANISO_MOCK_DEVICES", 1)) return CUDA_ERROR_INVALID_DEVICE;
    *d = ordinal;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetName(char* name, int len, CUdevice) {
    snprintf(name, (size_t)len, "Anisoscope mock device (host step)");
    return CUDA_SUCCESS;
}

CUresult cuDeviceTotalMem_v2(size_t* bytes, CUdevice) {
    *bytes = TOTAL;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetAttribute(int* v, int attribute, CUdevice) {
    if (attribute == 75) *v = 9;       // CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR
    else if (attribute == 76) *v = 0;  // ..._MINOR
    else return CUDA_ERROR_INVALID_VALUE;
    return CUDA_SUCCESS;
}

// a device this driver reports (ANISO_MOCK_DEVICES of them; the first one unless set)
static bool known(CUdevice d) { return d >= 0 && d < envLong("ANISO_MOCK_DEVICES", 1); }

CUresult cuCtxCreate_v2(CUcontext* ctx, unsigned int, CUdevice d) {
    if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
    if (d != 0) return CUDA_ERROR_INVALID_DEVICE;
    *ctx = current = new MockHandle{1};
    logLine("made", false);
    return CUDA_SUCCESS;
}

CUresult cuCtxDestroy_v2(CUcontext ctx) {
    if (!ctx || ctx->kind != 1 || ctx == primary) return CUDA_ERROR_INVALID_CONTEXT;
    std::lock_guard<std::mutex> g(lock);
    logLine("destroyed", true);
    freeAll();
    if (current == ctx) current = nullptr;
    delete ctx;
    return CUDA_SUCCESS;
}

CUresult cuDevicePrimaryCtxSetFlags_v2(CUdevice d, unsigned int) {
    if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
    return known(d) ? CUDA_SUCCESS : CUDA_ERROR_INVALID_DEVICE;
}

// the primary context: made on the first retain, not made current by it, gone when released as often
// one primary context per process: a process works on one device (a shard pinned to it), which the log names when not 0
static CUdevice primaryDevice = -1;

CUresult cuDevicePrimaryCtxRetain(CUcontext* ctx, CUdevice d) {
    if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
    if (!known(d) || (primaryDevice >= 0 && d != primaryDevice)) return CUDA_ERROR_INVALID_DEVICE;
    std::lock_guard<std::mutex> g(lock);
    if (!primary) {
        primary = new MockHandle{1};
        primaryDevice = d;
        if (d == 0) logLine("made", false);
        else {
            char line[64];
            snprintf(line, sizeof line, "made on device %d", (int)d);
            logLine(line, false);
        }
    }
    primaryRefs++;
    *ctx = primary;
    return CUDA_SUCCESS;
}

CUresult cuDevicePrimaryCtxRelease_v2(CUdevice d) {
    if (d != primaryDevice) return CUDA_ERROR_INVALID_DEVICE;
    std::lock_guard<std::mutex> g(lock);
    if (primaryRefs == 0) return CUDA_ERROR_INVALID_CONTEXT;
    if (--primaryRefs == 0) {
        logLine("released", true);
        freeAll();
        if (current == primary) current = nullptr;
        delete primary;
        primary = nullptr;
    }
    return CUDA_SUCCESS;
}

CUresult cuCtxSetCurrent(CUcontext ctx) {
    if (ctx && ctx->kind != 1) return CUDA_ERROR_INVALID_CONTEXT;
    current = ctx;
    return CUDA_SUCCESS;
}

CUresult cuCtxSynchronize() {
    return current ? CUDA_SUCCESS : CUDA_ERROR_INVALID_CONTEXT;
}

CUresult cuMemGetInfo_v2(size_t* freeBytes, size_t* total) {
    if (!current) return CUDA_ERROR_INVALID_CONTEXT;
    long mib = envLong("ANISO_MOCK_FREE_MIB", -1);
    *total = TOTAL;
    *freeBytes = mib >= 0 ? (size_t)mib << 20 : TOTAL - liveBytes;
    return CUDA_SUCCESS;
}

CUresult cuMemAlloc_v2(CUdeviceptr* p, size_t bytes) {
    if (!current) return CUDA_ERROR_INVALID_CONTEXT;
    if (bytes == 0) return CUDA_ERROR_INVALID_VALUE;
    void* m = malloc(bytes);
    if (!m) return CUDA_ERROR_OUT_OF_MEMORY;
    std::lock_guard<std::mutex> g(lock);
    *p = (CUdeviceptr)m;
    live[*p] = bytes;
    liveBytes += bytes;
    return CUDA_SUCCESS;
}

CUresult cuMemFree_v2(CUdeviceptr p) {
    std::lock_guard<std::mutex> g(lock);
    auto it = live.find(p);
    if (it == live.end()) return CUDA_ERROR_INVALID_VALUE;  // never allocated, or freed twice
    liveBytes -= it->second;
    live.erase(it);
    free((void*)p);
    return CUDA_SUCCESS;
}

CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void* src, size_t bytes) {
    std::lock_guard<std::mutex> g(lock);
    if (!inside(dst, bytes)) return CUDA_ERROR_INVALID_VALUE;
    memcpy((void*)dst, src, bytes);
    return CUDA_SUCCESS;
}

CUresult cuMemcpyDtoH_v2(void* dst, CUdeviceptr src, size_t bytes) {
    std::lock_guard<std::mutex> g(lock);
    if (!inside(src, bytes)) return CUDA_ERROR_INVALID_VALUE;
    memcpy(dst, (const void*)src, bytes);
    return CUDA_SUCCESS;
}

CUresult cuModuleLoadData(CUmodule* module, const void* image) {
    if (!current) return CUDA_ERROR_INVALID_CONTEXT;
    const char* ptx = (const char*)image;
    if (!strstr(ptx, ".entry aniso_backtrack(") || !strstr(ptx, ".entry aniso_backtrack_waves(")) return CUDA_ERROR_INVALID_IMAGE;
    *module = new MockHandle{2};
    return CUDA_SUCCESS;
}

CUresult cuModuleGetFunction(CUfunction* f, CUmodule module, const char* name) {
    if (!module || module->kind != 2) return CUDA_ERROR_INVALID_HANDLE;
    if (strcmp(name, "aniso_backtrack") == 0) *f = new MockHandle{3};
    else if (strcmp(name, "aniso_backtrack_waves") == 0) *f = new MockHandle{4};
    else return CUDA_ERROR_NOT_FOUND;
    return CUDA_SUCCESS;
}

// aniso_backtrack(cells, inv_spacing, ngrids, b0, dt, steps, n, x, y, z, ux, uy, uz) and
// aniso_backtrack_waves(waves, modes, b0, dt, steps, n, x, y, z, ux, uy, uz), one thread per particle;
// the arguments are read as the kernels declare them, so a mismatch in type or order on the Java side
// shows here as it would on a device.
CUresult cuLaunchKernel(CUfunction f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned shared, CUstream stream, void** params, void** extra) {
    if (!f || (f->kind != 3 && f->kind != 4) || !current) return CUDA_ERROR_INVALID_HANDLE;
    if (!params || extra || gy != 1 || gz != 1 || by != 1 || bz != 1 || bx == 0 || bx > 1024 || shared || stream)
        return CUDA_ERROR_INVALID_VALUE;
    long fail = envLong("ANISO_MOCK_FAIL_LAUNCH", 0);
    if (fail > 0 && ++launches == fail) return CUDA_ERROR_LAUNCH_FAILED;
    bool waves = f->kind == 4;
    int at = waves ? 2 : 3;  // the field's arguments come before b0
    CUdeviceptr field = *(CUdeviceptr*)params[0], inv = waves ? 0 : *(CUdeviceptr*)params[1];
    int count = *(int*)params[at - 1];  // ngrids, or modes
    double b0 = *(double*)params[at], dt = *(double*)params[at + 1];
    long long steps = *(long long*)params[at + 2];
    int n = *(int*)params[at + 3];
    CUdeviceptr s[6];
    for (int c = 0; c < 6; c++) s[c] = *(CUdeviceptr*)params[at + 4 + c];
    {
        std::lock_guard<std::mutex> g(lock);
        bool ok = count >= 1 && n >= 1 && steps >= 0 && (unsigned long long)gx * bx >= (unsigned long long)n
                  && (waves ? inside(field, (size_t)count * ANISO_WAVE_ARRAYS * sizeof(double))
                            : inside(field, (size_t)count * ANISO_CELL * ANISO_POINTS * sizeof(double))
                                      && inside(inv, (size_t)count * sizeof(double)));
        for (int c = 0; c < 6; c++) ok = ok && inside(s[c], (size_t)n * sizeof(double));
        if (!ok) return CUDA_ERROR_INVALID_VALUE;  // on a device: an illegal address, or particles left behind
    }
    double* a[6];
    for (int c = 0; c < 6; c++) a[c] = (double*)s[c];
    for (int i = 0; i < n; i++) {
        double st[6] = {a[0][i], a[1][i], a[2][i], a[3][i], a[4][i], a[5][i]};
        if (waves) aniso_advance_waves((const double*)field, count, b0, dt, steps, st);
        else aniso_advance((const double*)field, (const double*)inv, count, b0, dt, steps, st);
        for (int c = 0; c < 6; c++) a[c][i] = st[c];
    }
    return CUDA_SUCCESS;
}

}  // extern "C"
