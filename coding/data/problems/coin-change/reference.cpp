class Solution {
public:
    int coinChange(vector<int>& coins, int amount) {
        vector<int> best(amount + 1, amount + 1);
        best[0] = 0;
        for (int a = 1; a <= amount; a++) {
            for (int c : coins) if (c <= a) best[a] = min(best[a], best[a - c] + 1);
        }
        return best[amount] > amount ? -1 : best[amount];
    }
};
