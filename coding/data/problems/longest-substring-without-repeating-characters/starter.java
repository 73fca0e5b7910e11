class Solution {
    public int lengthOfLongestSubstring(String s) {
        return 0;
    }
}
