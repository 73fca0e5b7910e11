class Solution {
    public int[] productExceptSelf(int[] nums) {
        return new int[0];
    }
}
