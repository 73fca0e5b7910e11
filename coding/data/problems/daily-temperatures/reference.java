class Solution {
    public int[] dailyTemperatures(int[] temperatures) {
        int n = temperatures.length, top = 0;
        int[] answer = new int[n], waiting = new int[n];
        for (int i = 0; i < n; i++) {
            while (top > 0 && temperatures[waiting[top - 1]] < temperatures[i]) {
                int j = waiting[--top];
                answer[j] = i - j;
            }
            waiting[top++] = i;
        }
        return answer;
    }
}
