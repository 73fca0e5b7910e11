class Solution {
    public double[] runningMedians(int[] nums) {
        PriorityQueue<Integer> low = new PriorityQueue<>(Collections.reverseOrder()), high = new PriorityQueue<>();
        double[] out = new double[nums.length];
        for (int i = 0; i < nums.length; i++) {
            low.add(nums[i]);
            high.add(low.poll());
            if (high.size() > low.size()) low.add(high.poll());
            out[i] = low.size() > high.size() ? low.peek() : (low.peek() + (double) high.peek()) / 2;
        }
        return out;
    }
}
