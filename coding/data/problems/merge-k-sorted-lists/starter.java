class Solution {
    public ListNode mergeKLists(ListNode[] lists) {
        return null;
    }
}
