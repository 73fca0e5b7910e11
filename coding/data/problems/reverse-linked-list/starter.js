/**
 * @param {ListNode|null} head
 * @return {ListNode|null}
 */
function reverseList(head) {

}
