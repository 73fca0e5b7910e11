import java.io.*;
import java.util.*;

// @@SOLUTION@@

class ListNode {
    int val;
    ListNode next;
    ListNode() {}
    ListNode(int val) { this.val = val; }
    ListNode(int val, ListNode next) { this.val = val; this.next = next; }
}

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

    static ListNode toList(int[] values) {
        ListNode head = new ListNode(), tail = head;
        for (int v : values) tail = tail.next = new ListNode(v);
        return head.next;
    }

    static void writeList(StringBuilder out, ListNode node) {
        for (boolean first = true; node != null; node = node.next, first = false) {
            if (!first) out.append(' ');
            out.append(node.val);
        }
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String text; (text = in.readLine()) != null; ) lines.add(text);
        ListNode list1 = toList(ints(line()));
        ListNode list2 = toList(ints(line()));
        ListNode result = new Solution().mergeTwoLists(list1, list2);
        StringBuilder out = new StringBuilder();
        writeList(out, result);
        System.out.println(out);
    }
}
