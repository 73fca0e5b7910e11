class Solution {
public:
    int ladderLength(string beginWord, string endWord, vector<string>& wordList) {
        unordered_set<string> unvisited(wordList.begin(), wordList.end());
        if (!unvisited.count(endWord)) return 0;
        queue<string> q;
        q.push(beginWord);
        for (int depth = 1; !q.empty(); depth++) {
            for (int k = q.size(); k > 0; k--) {
                string word = q.front();
                q.pop();
                for (size_t i = 0; i < word.size(); i++) {
                    char original = word[i];
                    for (char c = 'a'; c <= 'z'; c++) {
                        word[i] = c;
                        if (!unvisited.erase(word)) continue;
                        if (word == endWord) return depth + 1;
                        q.push(word);
                    }
                    word[i] = original;
                }
            }
        }
        return 0;
    }
};
