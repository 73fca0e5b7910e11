def is_valid_bst(root: TreeNode | None) -> bool:
    pass
