class Solution {
    public boolean isValidBst(TreeNode root) {
        return false;
    }
}
