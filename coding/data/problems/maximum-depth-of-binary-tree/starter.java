class Solution {
    public int maxDepth(TreeNode root) {
        return 0;
    }
}
