function minWindow(s, t) {
  const need = new Map();
  for (const ch of t) need.set(ch, (need.get(ch) || 0) + 1);
  let missing = t.length, left = 0, bestL = 0, bestR = 0;
  for (let right = 0; right < s.length; right++) {
    const ch = s[right];
    const n = need.get(ch) || 0;
    if (n > 0) missing--;
    need.set(ch, n - 1);
    while (missing === 0) {
      if (bestR === 0 || right + 1 - left < bestR - bestL) {
        bestL = left;
        bestR = right + 1;
      }
      const c = s[left++];
      need.set(c, need.get(c) + 1);
      if (need.get(c) > 0) missing++;
    }
  }
  return s.slice(bestL, bestR);
}
