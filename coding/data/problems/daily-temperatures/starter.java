class Solution {
    public int[] dailyTemperatures(int[] temperatures) {
        return new int[0];
    }
}
