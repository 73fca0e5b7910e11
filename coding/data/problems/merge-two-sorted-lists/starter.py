def merge_two_lists(list1: ListNode | None, list2: ListNode | None) -> ListNode | None:
    pass
