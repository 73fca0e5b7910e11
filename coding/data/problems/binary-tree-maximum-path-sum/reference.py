def max_path_sum(root: TreeNode | None) -> int:
    order, stack = [], [root]
    while stack:  # iterative pre-order; reversed, it visits children before parents
        node = stack.pop()
        order.append(node)
        stack += [child for child in (node.left, node.right) if child]
    gain = {None: 0}
    best = root.val
    for node in reversed(order):
        left, right = max(gain[node.left], 0), max(gain[node.right], 0)
        best = max(best, node.val + left + right)
        gain[node] = node.val + max(left, right)
    return best
