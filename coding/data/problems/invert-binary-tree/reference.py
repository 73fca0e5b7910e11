def invert_tree(root: TreeNode | None) -> TreeNode | None:
    stack = [root]
    while stack:
        node = stack.pop()
        if node:
            node.left, node.right = node.right, node.left
            stack += [node.left, node.right]
    return root
