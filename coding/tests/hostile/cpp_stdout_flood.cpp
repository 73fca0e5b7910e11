// expect: OLE
#include <unistd.h>
#include <cstring>
int main() {
    char buf[65536];
    std::memset(buf, 'x', sizeof buf);
    for (;;) if (write(1, buf, sizeof buf) < 0) return 1;
}
