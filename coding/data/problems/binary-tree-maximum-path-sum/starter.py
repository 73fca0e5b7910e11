def max_path_sum(root: TreeNode | None) -> int:
    pass
