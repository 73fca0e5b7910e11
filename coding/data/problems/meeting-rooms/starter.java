class Solution {
    public boolean canAttendMeetings(int[][] intervals) {
        return false;
    }
}
