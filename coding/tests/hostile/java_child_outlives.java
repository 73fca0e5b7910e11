// expect: OK started
public class Main {
    public static void main(String[] args) throws Exception {
        new ProcessBuilder("/bin/sh", "-c", "setsid sleep 300 >/dev/null 2>&1 &").start().waitFor();
        System.out.println("started");
    }
}
