class Solution {
public:
    bool canFinish(int numCourses, vector<vector<int>>& prerequisites) {
        return {};
    }
};
