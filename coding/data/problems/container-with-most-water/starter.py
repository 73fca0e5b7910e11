def max_area(height: list[int]) -> int:
    pass
