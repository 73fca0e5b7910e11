/**
 * @param {ListNode|null} head
 * @param {number} n
 * @return {ListNode|null}
 */
function removeNthFromEnd(head, n) {

}
