// expect: OK contained
#include <cstdio>
int main() {
    const char *paths[] = {"/etc/shadow", "/work/main/var/secret_key", "/work/main/config/settings.py",
                           "/proc/1/environ", "/proc/1/mem", "/root/.bashrc"};
    for (const char *p : paths) {
        if (FILE *f = std::fopen(p, "r")) { std::printf("LEAKED %s\n", p); std::fclose(f); return 0; }
    }
    std::puts("contained");
}
