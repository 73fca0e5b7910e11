// expect: OK started
#include <cstdio>
#include <unistd.h>
#include <sys/wait.h>
int main() {
    if (fork() == 0) {
        setsid();
        if (fork() == 0) { close(0); close(1); close(2); sleep(300); }
        _exit(0);
    }
    wait(nullptr);
    std::puts("started");
}
