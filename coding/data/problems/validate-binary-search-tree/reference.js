function isValidBst(root) {
  const stack = [];
  let previous = null, node = root;
  while (stack.length || node) {
    while (node) {
      stack.push(node);
      node = node.left;
    }
    node = stack.pop();
    if (previous !== null && node.val <= previous) return false;
    previous = node.val;
    node = node.right;
  }
  return true;
}
