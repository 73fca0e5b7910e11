class Solution {
    public int evalRpn(String[] tokens) {
        return 0;
    }
}
