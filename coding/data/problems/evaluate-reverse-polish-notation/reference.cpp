class Solution {
public:
    int evalRpn(vector<string>& tokens) {
        vector<long long> stack;
        for (const string& token : tokens) {
            if (token.size() == 1 && string("+-*/").find(token[0]) != string::npos) {
                long long b = stack.back(); stack.pop_back();
                long long a = stack.back(); stack.pop_back();
                if (token == "+") stack.push_back(a + b);
                else if (token == "-") stack.push_back(a - b);
                else if (token == "*") stack.push_back(a * b);
                else stack.push_back(a / b);
            } else stack.push_back(stoll(token));
        }
        return (int)stack.back();
    }
};
