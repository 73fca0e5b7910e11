"use strict";

class ListNode {
  constructor(val = 0, next = null) {
    this.val = val;
    this.next = next;
  }
}

// @@SOLUTION@@

function _toList(values) {
  const head = new ListNode();
  let tail = head;
  for (const v of values) tail = tail.next = new ListNode(v);
  return head.next;
}

function _fromList(node) {
  const out = [];
  for (; node; node = node.next) out.push(node.val);
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
  const list1 = _toList(_nums(_line()));
  const list2 = _toList(_nums(_line()));
  const result = mergeTwoLists(list1, list2);
  process.stdout.write((_fromList(result).join(" ")) + "\n");
}

_main();
