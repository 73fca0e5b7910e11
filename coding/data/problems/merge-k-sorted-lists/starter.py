def merge_k_lists(lists: list[ListNode | None]) -> ListNode | None:
    pass
