function lastStoneWeight(stones) {
  const heap = [];
  const push = (v) => {
    heap.push(v);
    for (let i = heap.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (heap[p] >= heap[i]) break;
      [heap[p], heap[i]] = [heap[i], heap[p]];
      i = p;
    }
  };
  const pop = () => {
    const top = heap[0], last = heap.pop();
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ; ) {
        let m = i;
        const l = 2 * i + 1, r = l + 1;
        if (l < heap.length && heap[l] > heap[m]) m = l;
        if (r < heap.length && heap[r] > heap[m]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };
  for (const s of stones) push(s);
  while (heap.length > 1) {
    const y = pop(), x = pop();
    if (y !== x) push(y - x);
  }
  return heap.length ? heap[0] : 0;
}
