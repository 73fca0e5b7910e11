def min_eating_speed(piles: list[int], h: int) -> int:
    pass
