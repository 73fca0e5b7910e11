class Solution {
    public int[] maxSlidingWindow(int[] nums, int k) {
        return new int[0];
    }
}
