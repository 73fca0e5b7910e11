import java.io.*;
import java.util.*;

// @@SOLUTION@@

class TreeNode {
    int val;
    TreeNode left, right;
    TreeNode() {}
    TreeNode(int val) { this.val = val; }
    TreeNode(int val, TreeNode left, TreeNode right) { this.val = val; this.left = left; this.right = right; }
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

    static TreeNode toTree(String[] tokens) {
        if (tokens.length == 0 || tokens[0].equals("null")) return null;
        TreeNode[] nodes = new TreeNode[tokens.length];
        for (int i = 0; i < tokens.length; i++)
            nodes[i] = tokens[i].equals("null") ? null : new TreeNode(Integer.parseInt(tokens[i]));
        ArrayDeque<TreeNode> queue = new ArrayDeque<>();
        queue.add(nodes[0]);
        int i = 1;
        while (!queue.isEmpty() && i < nodes.length) {
            TreeNode node = queue.poll();
            if (i < nodes.length) { node.left = nodes[i]; if (nodes[i] != null) queue.add(nodes[i]); i++; }
            if (i < nodes.length) { node.right = nodes[i]; if (nodes[i] != null) queue.add(nodes[i]); i++; }
        }
        return nodes[0];
    }

    static void writeTree(StringBuilder out, TreeNode root) {
        List<String> tokens = new ArrayList<>();
        List<TreeNode> queue = new ArrayList<>();
        queue.add(root);
        for (int head = 0; head < queue.size(); head++) {
            TreeNode node = queue.get(head);
            if (node == null) { tokens.add("null"); continue; }
            tokens.add(String.valueOf(node.val));
            queue.add(node.left);
            queue.add(node.right);
        }
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).equals("null")) tokens.remove(tokens.size() - 1);
        out.append(String.join(" ", tokens));
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String text; (text = in.readLine()) != null; ) lines.add(text);
        TreeNode root = toTree(words(line()));
        int result = new Solution().maxDepth(root);
        StringBuilder out = new StringBuilder();
        out.append(result);
        System.out.println(out);
    }
}
