class Solution {
    public int ladderLength(String beginWord, String endWord, String[] wordList) {
        return 0;
    }
}
