class Solution {
    public String minWindow(String s, String t) {
        int[] need = new int[128];
        for (char ch : t.toCharArray()) need[ch]++;
        int missing = t.length(), left = 0, bestL = 0, bestR = 0;
        for (int right = 0; right < s.length(); right++) {
            if (need[s.charAt(right)]-- > 0) missing--;
            while (missing == 0) {
                if (bestR == 0 || right + 1 - left < bestR - bestL) {
                    bestL = left;
                    bestR = right + 1;
                }
                if (++need[s.charAt(left++)] > 0) missing++;
            }
        }
        return s.substring(bestL, bestR);
    }
}
