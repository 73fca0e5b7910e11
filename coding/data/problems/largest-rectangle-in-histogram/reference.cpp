class Solution {
public:
    int largestRectangleArea(vector<int>& heights) {
        int n = heights.size(), best = 0;
        vector<int> stack;
        for (int i = 0; i <= n; i++) {
            int h = i == n ? 0 : heights[i];
            while (!stack.empty() && heights[stack.back()] > h) {
                int bar = stack.back();
                stack.pop_back();
                int width = stack.empty() ? i : i - stack.back() - 1;
                best = max(best, heights[bar] * width);
            }
            stack.push_back(i);
        }
        return best;
    }
};
