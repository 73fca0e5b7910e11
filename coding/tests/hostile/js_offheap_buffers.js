// expect: MLE
// Buffers live outside the V8 heap (--max-old-space-size does not bound them): the box's RSS watch does.
const keep = [];
for (;;) keep.push(Buffer.alloc(16 << 20, 1));
