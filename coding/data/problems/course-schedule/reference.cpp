class Solution {
public:
    bool canFinish(int numCourses, vector<vector<int>>& prerequisites) {
        vector<vector<int>> after(numCourses);
        vector<int> needs(numCourses), ready;
        for (auto& p : prerequisites) {
            after[p[1]].push_back(p[0]);
            needs[p[0]]++;
        }
        for (int c = 0; c < numCourses; c++) if (!needs[c]) ready.push_back(c);
        for (size_t head = 0; head < ready.size(); head++) {
            for (int next : after[ready[head]]) if (--needs[next] == 0) ready.push_back(next);
        }
        return (int)ready.size() == numCourses;
    }
};
