class Solution {
    public int climbStairs(int n) {
        return 0;
    }
}
