def num_islands(grid: list[list[str]]) -> int:
    pass
