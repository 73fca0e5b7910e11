class Solution {
public:
    vector<double> runningMedians(vector<int>& nums) {
        priority_queue<int> low;
        priority_queue<int, vector<int>, greater<int>> high;
        vector<double> out;
        for (int x : nums) {
            low.push(x);
            high.push(low.top());
            low.pop();
            if (high.size() > low.size()) {
                low.push(high.top());
                high.pop();
            }
            out.push_back(low.size() > high.size() ? low.top() : (low.top() + (double)high.top()) / 2);
        }
        return out;
    }
};
