def reverse_list(head: ListNode | None) -> ListNode | None:
    pass
