class Solution {
public:
    bool canAttendMeetings(vector<vector<int>>& intervals) {
        return {};
    }
};
