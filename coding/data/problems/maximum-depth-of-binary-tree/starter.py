def max_depth(root: TreeNode | None) -> int:
    pass
