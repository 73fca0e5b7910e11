class Solution {
public:
    int maxArea(vector<int>& height) {
        return {};
    }
};
