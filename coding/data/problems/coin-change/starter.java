class Solution {
    public int coinChange(int[] coins, int amount) {
        return 0;
    }
}
