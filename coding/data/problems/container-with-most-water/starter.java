class Solution {
    public int maxArea(int[] height) {
        return 0;
    }
}
