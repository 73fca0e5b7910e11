class Solution {
    public int[][] merge(int[][] intervals) {
        Arrays.sort(intervals, (a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> out = new ArrayList<>();
        for (int[] interval : intervals) {
            if (!out.isEmpty() && interval[0] <= out.get(out.size() - 1)[1]) {
                int[] last = out.get(out.size() - 1);
                last[1] = Math.max(last[1], interval[1]);
            } else out.add(new int[] {interval[0], interval[1]});
        }
        return out.toArray(new int[0][]);
    }
}
