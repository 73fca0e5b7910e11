def group_anagrams(strs: list[str]) -> list[list[str]]:
    pass
