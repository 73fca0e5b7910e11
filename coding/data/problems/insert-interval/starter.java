class Solution {
    public int[][] insert(int[][] intervals, int[] newInterval) {
        return new int[0][];
    }
}
