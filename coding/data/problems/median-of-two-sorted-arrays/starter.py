def find_median_sorted_arrays(nums1: list[int], nums2: list[int]) -> float:
    pass
