// expect: CE limit
#include "/dev/random"
int main() {}
