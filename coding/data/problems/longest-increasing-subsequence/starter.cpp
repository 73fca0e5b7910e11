class Solution {
public:
    int lengthOfLis(vector<int>& nums) {
        return {};
    }
};
