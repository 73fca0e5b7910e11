from collections import deque
from string import ascii_lowercase


def ladder_length(begin_word: str, end_word: str, word_list: list[str]) -> int:
    unvisited = set(word_list)
    if end_word not in unvisited:
        return 0
    queue = deque([(begin_word, 1)])
    while queue:
        word, depth = queue.popleft()
        for i in range(len(word)):
            for ch in ascii_lowercase:
                candidate = word[:i] + ch + word[i + 1 :]
                if candidate in unvisited:
                    if candidate == end_word:
                        return depth + 1
                    unvisited.remove(candidate)
                    queue.append((candidate, depth + 1))
    return 0
