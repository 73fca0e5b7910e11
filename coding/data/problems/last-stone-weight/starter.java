class Solution {
    public int lastStoneWeight(int[] stones) {
        return 0;
    }
}
