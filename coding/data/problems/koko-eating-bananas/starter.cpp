class Solution {
public:
    int minEatingSpeed(vector<int>& piles, int h) {
        return {};
    }
};
