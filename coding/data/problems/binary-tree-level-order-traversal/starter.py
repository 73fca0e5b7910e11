def level_order(root: TreeNode | None) -> list[list[int]]:
    pass
