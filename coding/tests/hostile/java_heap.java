// expect: MLE
import java.util.ArrayList;
import java.util.List;

public class Main {
    public static void main(String[] args) {
        List<int[]> keep = new ArrayList<>();
        while (true) keep.add(new int[1 << 22]);
    }
}
