def remove_nth_from_end(head: ListNode | None, n: int) -> ListNode | None:
    pass
