def trap(height: list[int]) -> int:
    pass
