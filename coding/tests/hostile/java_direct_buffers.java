// expect: MLE
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

public class Main {
    public static void main(String[] args) {
        List<ByteBuffer> keep = new ArrayList<>();
        while (true) keep.add(ByteBuffer.allocateDirect(16 << 20));
    }
}
