class Solution {
    public boolean isPalindrome(String s) {
        return false;
    }
}
