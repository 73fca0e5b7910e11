class Solution {
    public boolean isValid(String s) {
        return false;
    }
}
