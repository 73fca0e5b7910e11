// expect: OK contained
#include <arpa/inet.h>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>
int main() {
    const int ports[] = {5432, 6379};
    for (int port : ports) {
        int s = socket(AF_INET, SOCK_STREAM, 0);
        if (s < 0) continue;
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
        if (connect(s, (sockaddr *)&a, sizeof a) == 0) { std::printf("LEAKED %d\n", port); return 0; }
        close(s);
    }
    std::puts("contained");
}
