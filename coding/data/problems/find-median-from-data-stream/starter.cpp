class Solution {
public:
    vector<double> runningMedians(vector<int>& nums) {
        return {};
    }
};
