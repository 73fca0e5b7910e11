// expect: OLE
public class Main {
    public static void main(String[] args) {
        String line = "x".repeat(1000);
        for (;;) System.out.println(line);
    }
}
