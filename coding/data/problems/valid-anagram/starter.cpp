class Solution {
public:
    bool isAnagram(string& s, string& t) {
        return {};
    }
};
