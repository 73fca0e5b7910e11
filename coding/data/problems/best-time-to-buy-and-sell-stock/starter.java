class Solution {
    public int maxProfit(int[] prices) {
        return 0;
    }
}
