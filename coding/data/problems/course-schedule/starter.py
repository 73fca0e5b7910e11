def can_finish(num_courses: int, prerequisites: list[list[int]]) -> bool:
    pass
