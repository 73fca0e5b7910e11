class Solution {
    public int largestRectangleArea(int[] heights) {
        return 0;
    }
}
