import java.io.*;
import java.util.*;

// @@SOLUTION@@

public class Main {
    static List<String> lines = new ArrayList<>();
    static int pos = 0;

    static String line() { return pos < lines.size() ? lines.get(pos++) : ""; }

    static String[] words(String text) {
        text = text.trim();
        return text.isEmpty() ? new String[0] : text.split("\\s+");
    }

    static int[] ints(String text) {
        String[] parts = words(text);
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) values[i] = Integer.parseInt(parts[i]);
        return values;
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String text; (text = in.readLine()) != null; ) lines.add(text);
        int[] nums = ints(line());
        int result = new Solution().lengthOfLis(nums);
        StringBuilder out = new StringBuilder();
        out.append(result);
        System.out.println(out);
    }
}
