def can_attend_meetings(intervals: list[list[int]]) -> bool:
    pass
