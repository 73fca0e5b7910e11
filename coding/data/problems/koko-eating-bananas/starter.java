class Solution {
    public int minEatingSpeed(int[] piles, int h) {
        return 0;
    }
}
