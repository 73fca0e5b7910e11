class Solution {
    public double[] runningMedians(int[] nums) {
        return new double[0];
    }
}
