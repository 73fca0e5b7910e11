import heapq


def running_medians(nums: list[int]) -> list[float]:
    low: list[int] = []  # max-heap (negated): the smaller half
    high: list[int] = []  # min-heap: the larger half
    out = []
    for x in nums:
        heapq.heappush(high, -heapq.heappushpop(low, -x))
        if len(high) > len(low):
            heapq.heappush(low, -heapq.heappop(high))
        out.append(float(-low[0]) if len(low) > len(high) else (-low[0] + high[0]) / 2)
    return out
