def product_except_self(nums: list[int]) -> list[int]:
    pass
