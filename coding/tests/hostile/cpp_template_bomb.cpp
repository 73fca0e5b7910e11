// expect: CE
// Unbounded template recursion: the compiler stops at its instantiation depth, inside the compile limits.
template <int N> struct Explode { enum { value = Explode<N + 1>::value + Explode<N + 2>::value }; };
int main() { return Explode<0>::value; }
