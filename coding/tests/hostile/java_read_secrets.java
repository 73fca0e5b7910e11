// expect: OK contained
import java.nio.file.*;

public class Main {
    public static void main(String[] args) {
        String[] paths = {"/etc/shadow", "/work/main/var/secret_key", "/work/main/config/settings.py", "/proc/1/environ"};
        for (String p : paths) {
            try { Files.readAllBytes(Path.of(p)); System.out.println("LEAKED " + p); return; } catch (Exception e) { }
        }
        if (System.getenv("SECRET_KEY") != null) { System.out.println("LEAKED env"); return; }
        System.out.println("contained");
    }
}
