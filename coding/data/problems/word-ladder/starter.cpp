class Solution {
public:
    int ladderLength(string& beginWord, string& endWord, vector<string>& wordList) {
        return {};
    }
};
