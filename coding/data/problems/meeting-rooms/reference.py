def can_attend_meetings(intervals: list[list[int]]) -> bool:
    intervals.sort()
    return all(intervals[i][0] >= intervals[i - 1][1] for i in range(1, len(intervals)))
