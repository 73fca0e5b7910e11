class Solution {
    public ListNode removeNthFromEnd(ListNode head, int n) {
        return null;
    }
}
