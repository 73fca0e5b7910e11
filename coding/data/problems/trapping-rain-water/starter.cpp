class Solution {
public:
    long long trap(vector<int>& height) {
        return {};
    }
};
