def invert_tree(root: TreeNode | None) -> TreeNode | None:
    pass
