def last_stone_weight(stones: list[int]) -> int:
    pass
