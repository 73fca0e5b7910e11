class Solution {
    public int search(int[] nums, int target) {
        return 0;
    }
}
