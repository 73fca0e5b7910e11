def largest_rectangle_area(heights: list[int]) -> int:
    stack: list[int] = []
    best = 0
    for i, h in enumerate([*heights, 0]):
        while stack and heights[stack[-1]] > h:
            top = stack.pop()
            width = i - stack[-1] - 1 if stack else i
            best = max(best, heights[top] * width)
        stack.append(i)
    return best
