function isValid(s) {
  const partner = { ")": "(", "]": "[", "}": "{" };
  const stack = [];
  for (const ch of s) {
    if (ch in partner) {
      if (stack.pop() !== partner[ch]) return false;
    } else stack.push(ch);
  }
  return stack.length === 0;
}
