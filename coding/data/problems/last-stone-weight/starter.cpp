class Solution {
public:
    int lastStoneWeight(vector<int>& stones) {
        return {};
    }
};
