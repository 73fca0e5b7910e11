def insert(intervals: list[list[int]], new_interval: list[int]) -> list[list[int]]:
    pass
