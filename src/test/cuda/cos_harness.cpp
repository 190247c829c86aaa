// Host harness for kernels/portable_cos.cuh: reads little-endian doubles from the file argv[1] and
// writes aniso_cos of each to argv[2] (PortableCosKernelTest compares them with Java's, bit for bit).
#include <stdio.h>
#include <stdlib.h>
#include "portable_cos.cuh"

int main(int argc, char** argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: cos_harness IN OUT\n");
        return 2;
    }
    FILE* in = fopen(argv[1], "rb");
    FILE* out = fopen(argv[2], "wb");
    if (!in || !out) {
        fprintf(stderr, "cannot open the files\n");
        return 1;
    }
    double x;
    while (fread(&x, sizeof x, 1, in) == 1) {
        double c = aniso_cos(x);
        fwrite(&c, sizeof c, 1, out);
    }
    fclose(in);
    return fclose(out) == 0 ? 0 : 1;
}
