class Solution {
public:
    int largestRectangleArea(vector<int>& heights) {
        return {};
    }
};
