class Solution {
    public int minDistance(String word1, String word2) {
        return 0;
    }
}
