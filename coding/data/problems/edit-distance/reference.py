def min_distance(word1: str, word2: str) -> int:
    previous = list(range(len(word2) + 1))
    for i, a in enumerate(word1, 1):
        current = [i] + [0] * len(word2)
        for j, b in enumerate(word2, 1):
            if a == b:
                current[j] = previous[j - 1]
            else:
                current[j] = 1 + min(previous[j], current[j - 1], previous[j - 1])
        previous = current
    return previous[-1]
