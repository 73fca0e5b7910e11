def largest_rectangle_area(heights: list[int]) -> int:
    pass
