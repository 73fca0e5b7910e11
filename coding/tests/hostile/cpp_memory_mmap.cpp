// expect: MLE
// Off-heap: one 2 GB anonymous mapping, touched page by page.
#include <sys/mman.h>
#include <cstdio>
int main() {
    const unsigned long size = 2UL << 30;
    char *p = (char *)mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); return 1; }
    for (unsigned long i = 0; i < size; i += 4096) p[i] = 1;
    return 0;
}
