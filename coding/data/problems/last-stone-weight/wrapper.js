"use strict";

// @@SOLUTION@@

function _nums(text) {
  return text.split(/\s+/).filter(Boolean).map(Number);
}

function _words(text) {
  return text.split(/\s+/).filter(Boolean);
}

function _main() {
  const lines = require("fs").readFileSync(0, "utf8").split("\n");
  let pos = 0;
  const _line = () => (pos < lines.length ? lines[pos++].replace(/\r$/, "") : (pos++, ""));
  const stones = _nums(_line());
  const result = lastStoneWeight(stones);
  process.stdout.write((String(result)) + "\n");
}

_main();
