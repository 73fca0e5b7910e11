class Solution {
public:
    bool isPalindrome(string& s) {
        return {};
    }
};
