def ladder_length(begin_word: str, end_word: str, word_list: list[str]) -> int:
    pass
