def is_valid_bst(root: TreeNode | None) -> bool:
    stack, previous, node = [], None, root
    while stack or node:
        while node:
            stack.append(node)
            node = node.left
        node = stack.pop()
        if previous is not None and node.val <= previous:
            return False
        previous, node = node.val, node.right
    return True
