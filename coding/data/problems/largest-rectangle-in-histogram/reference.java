class Solution {
    public int largestRectangleArea(int[] heights) {
        int n = heights.length, top = 0, best = 0;
        int[] stack = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            int h = i == n ? 0 : heights[i];
            while (top > 0 && heights[stack[top - 1]] > h) {
                int bar = stack[--top];
                int width = top > 0 ? i - stack[top - 1] - 1 : i;
                best = Math.max(best, heights[bar] * width);
            }
            stack[top++] = i;
        }
        return best;
    }
}
