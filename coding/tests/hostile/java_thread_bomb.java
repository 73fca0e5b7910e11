// expect: RE
public class Main {
    public static void main(String[] args) {
        while (true) {
            Thread t = new Thread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) { } });
            t.setDaemon(true);
            t.start();
        }
    }
}
