"use strict";

class TreeNode {
  constructor(val = 0, left = null, right = null) {
    this.val = val;
    this.left = left;
    this.right = right;
  }
}

// @@SOLUTION@@

function _toTree(tokens) {
  if (!tokens.length || tokens[0] === "null") return null;
  const nodes = tokens.map((t) => (t === "null" ? null : new TreeNode(Number(t))));
  const queue = [nodes[0]];
  let head = 0, i = 1;
  while (head < queue.length && i < nodes.length) {
    const node = queue[head++];
    for (const side of ["left", "right"]) {
      if (i < nodes.length) {
        node[side] = nodes[i];
        if (nodes[i]) queue.push(nodes[i]);
        i++;
      }
    }
  }
  return nodes[0];
}

function _fromTree(root) {
  const out = [], queue = [root];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    if (node) {
      out.push(String(node.val));
      queue.push(node.left, node.right);
    } else out.push("null");
  }
  while (out.length && out[out.length - 1] === "null") out.pop();
  return out;
}

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
  const root = _toTree(_words(_line()));
  const result = maxPathSum(root);
  process.stdout.write((String(result)) + "\n");
}

_main();
