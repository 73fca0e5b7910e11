/**
 * @param {(ListNode|null)[]} lists
 * @return {ListNode|null}
 */
function mergeKLists(lists) {

}
