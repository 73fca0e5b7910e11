def coin_change(coins: list[int], amount: int) -> int:
    inf = amount + 1
    best = [0] + [inf] * amount
    usable = [c for c in coins if c <= amount]
    for a in range(1, amount + 1):
        best[a] = min((best[a - c] for c in usable if c <= a), default=inf) + 1
    return best[amount] if best[amount] <= amount else -1
