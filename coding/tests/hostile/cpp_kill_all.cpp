// expect: OK survived
#include <csignal>
#include <cstdio>
#include <unistd.h>
int main() {
    kill(-1, SIGKILL);
    kill(1, SIGKILL);
    std::puts("survived");
}
