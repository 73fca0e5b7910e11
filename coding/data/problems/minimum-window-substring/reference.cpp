class Solution {
public:
    string minWindow(string s, string t) {
        vector<int> need(128, 0);
        for (char ch : t) need[ch]++;
        int missing = t.size(), left = 0, bestL = 0, bestR = 0;
        for (int right = 0; right < (int)s.size(); right++) {
            if (need[s[right]]-- > 0) missing--;
            while (missing == 0) {
                if (bestR == 0 || right + 1 - left < bestR - bestL) {
                    bestL = left;
                    bestR = right + 1;
                }
                if (++need[s[left++]] > 0) missing++;
            }
        }
        return s.substr(bestL, bestR - bestL);
    }
};
