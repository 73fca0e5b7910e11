class Solution {
    public String minWindow(String s, String t) {
        return "";
    }
}
