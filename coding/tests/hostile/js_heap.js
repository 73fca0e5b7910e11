// expect: MLE
const keep = [];
for (;;) keep.push(new Array(1 << 21).fill(0.5));
