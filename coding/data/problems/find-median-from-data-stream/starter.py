def running_medians(nums: list[int]) -> list[float]:
    pass
