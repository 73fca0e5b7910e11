class Solution {
public:
    int evalRpn(vector<string>& tokens) {
        return {};
    }
};
