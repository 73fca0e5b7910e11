class Solution {
    public int[] topKFrequent(int[] nums, int k) {
        return new int[0];
    }
}
