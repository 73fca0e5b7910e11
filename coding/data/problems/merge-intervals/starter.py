def merge(intervals: list[list[int]]) -> list[list[int]]:
    pass
