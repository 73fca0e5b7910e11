class Solution {
    public boolean canFinish(int numCourses, int[][] prerequisites) {
        List<List<Integer>> after = new ArrayList<>();
        for (int c = 0; c < numCourses; c++) after.add(new ArrayList<>());
        int[] needs = new int[numCourses];
        for (int[] p : prerequisites) {
            after.get(p[1]).add(p[0]);
            needs[p[0]]++;
        }
        int[] ready = new int[numCourses];
        int tail = 0;
        for (int c = 0; c < numCourses; c++) if (needs[c] == 0) ready[tail++] = c;
        for (int head = 0; head < tail; head++) {
            for (int next : after.get(ready[head])) if (--needs[next] == 0) ready[tail++] = next;
        }
        return tail == numCourses;
    }
}
