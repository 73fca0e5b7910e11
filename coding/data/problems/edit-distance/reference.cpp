class Solution {
public:
    int minDistance(string word1, string word2) {
        int m = word1.size(), n = word2.size();
        vector<int> previous(n + 1), current(n + 1);
        iota(previous.begin(), previous.end(), 0);
        for (int i = 1; i <= m; i++) {
            current[0] = i;
            for (int j = 1; j <= n; j++) {
                if (word1[i - 1] == word2[j - 1]) current[j] = previous[j - 1];
                else current[j] = 1 + min({previous[j - 1], previous[j], current[j - 1]});
            }
            swap(previous, current);
        }
        return previous[n];
    }
};
