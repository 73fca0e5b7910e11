class Solution {
    public int lengthOfLis(int[] nums) {
        return 0;
    }
}
