class Solution {
public:
    int maxProfit(vector<int>& prices) {
        return {};
    }
};
