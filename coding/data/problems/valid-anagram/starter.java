class Solution {
    public boolean isAnagram(String s, String t) {
        return false;
    }
}
