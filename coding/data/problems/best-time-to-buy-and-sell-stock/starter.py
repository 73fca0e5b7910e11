def max_profit(prices: list[int]) -> int:
    pass
