class Solution {
public:
    int coinChange(vector<int>& coins, int amount) {
        return {};
    }
};
