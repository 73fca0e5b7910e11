"""The problem bank's input/output conventions, and starter/wrapper code rendered from a signature.

A problem's ``problem.json`` carries a ``signature``: the function name (snake_case; camelCase is derived for
JavaScript, Java and C++), its typed parameters and its return type. From it this module

* formats test arguments as stdin text and results as expected output (``format_input``, ``format_output``),
  the conventions documented in ``coding/data/README.md``;
* renders the starter and the wrapper for each language (``render_starter``, ``render_wrapper``), which
  ``python -m coding.data.generate --scaffold SLUG`` writes when a problem's files are missing.

Pure Python, no Django.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("python", "javascript", "java", "cpp")
EXTENSIONS = {"python": "py", "javascript": "js", "java": "java", "cpp": "cpp"}
SCALARS = ("int", "long", "double", "bool", "string")
TYPES = (
    *SCALARS,
    "int[]",
    "double[]",
    "string[]",
    "int[][]",
    "char[][]",
    "List<int>",
    "List<string>",
    "List<List<int>>",
    "List<List<string>>",
    "ListNode",
    "ListNode[]",
    "TreeNode",
)
# Types read as "a count line, then that many lines".
_MULTILINE = ("int[][]", "char[][]", "List<List<int>>", "List<List<string>>", "ListNode[]")


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


# ------------------------------------------------------------------------------------------------
# Values <-> text
# ------------------------------------------------------------------------------------------------
def _num(value: Any) -> str:
    return "true" if value is True else "false" if value is False else str(value)


def _tree_tokens(values: list[int | None]) -> list[str]:
    tokens = ["null" if v is None else str(v) for v in values]
    while tokens and tokens[-1] == "null":
        tokens.pop()
    return tokens


def format_value(kind: str, value: Any) -> str:
    """One argument as it appears on stdin (no trailing newline). Linked lists are plain lists of values,
    trees are level-order lists with ``None`` for a missing child."""
    if kind in ("int", "long", "bool"):
        return _num(value)
    if kind == "double":
        return repr(float(value))
    if kind == "string":
        return str(value)
    if kind in ("int[]", "double[]", "string[]", "List<int>", "List<string>", "ListNode"):
        return " ".join(_num(v) for v in value)
    if kind == "TreeNode":
        return " ".join(_tree_tokens(value))
    if kind in ("int[][]", "List<List<int>>", "List<List<string>>", "ListNode[]"):
        return "\n".join([str(len(value)), *(" ".join(_num(v) for v in row) for row in value)])
    if kind == "char[][]":
        return "\n".join([str(len(value)), *("".join(row) for row in value)])
    raise ValueError(f"unknown type {kind!r}")


def format_input(signature: dict, args: list | tuple) -> str:
    params = signature["params"]
    if len(args) != len(params):
        raise ValueError(f"{signature['function']} takes {len(params)} arguments, got {len(args)}")
    return "".join(format_value(kind, arg) + "\n" for (_, kind), arg in zip(params, args, strict=True))


def format_output(kind: str, value: Any, *, sort_inner: bool = False) -> str:
    """A result as the wrapper prints it (no trailing newline)."""
    if kind == "double":
        return f"{value:.5f}"
    if kind == "double[]":
        return " ".join(f"{v:.5f}" for v in value)
    if kind in ("int[][]", "List<List<int>>", "List<List<string>>"):
        rows = [sorted(row) if sort_inner else row for row in value]
        return "\n".join(" ".join(_num(v) for v in row) for row in rows)
    if kind in _MULTILINE:
        raise ValueError(f"{kind} is not a supported return type")
    return format_value(kind, value)


# ------------------------------------------------------------------------------------------------
# Per-language type names and placeholder returns
# ------------------------------------------------------------------------------------------------
_PY = {
    "int": "int",
    "long": "int",
    "double": "float",
    "bool": "bool",
    "string": "str",
    "int[]": "list[int]",
    "double[]": "list[float]",
    "string[]": "list[str]",
    "int[][]": "list[list[int]]",
    "char[][]": "list[list[str]]",
    "List<int>": "list[int]",
    "List<string>": "list[str]",
    "List<List<int>>": "list[list[int]]",
    "List<List<string>>": "list[list[str]]",
    "ListNode": "ListNode | None",
    "ListNode[]": "list[ListNode | None]",
    "TreeNode": "TreeNode | None",
}
_JS = {
    "int": "number",
    "long": "number",
    "double": "number",
    "bool": "boolean",
    "string": "string",
    "int[]": "number[]",
    "double[]": "number[]",
    "string[]": "string[]",
    "int[][]": "number[][]",
    "char[][]": "character[][]",
    "List<int>": "number[]",
    "List<string>": "string[]",
    "List<List<int>>": "number[][]",
    "List<List<string>>": "string[][]",
    "ListNode": "ListNode|null",
    "ListNode[]": "(ListNode|null)[]",
    "TreeNode": "TreeNode|null",
}
_JAVA = {
    "int": "int",
    "long": "long",
    "double": "double",
    "bool": "boolean",
    "string": "String",
    "int[]": "int[]",
    "double[]": "double[]",
    "string[]": "String[]",
    "int[][]": "int[][]",
    "char[][]": "char[][]",
    "List<int>": "List<Integer>",
    "List<string>": "List<String>",
    "List<List<int>>": "List<List<Integer>>",
    "List<List<string>>": "List<List<String>>",
    "ListNode": "ListNode",
    "ListNode[]": "ListNode[]",
    "TreeNode": "TreeNode",
}
_JAVA_DEFAULT = {
    "int": "0",
    "long": "0",
    "double": "0.0",
    "bool": "false",
    "string": '""',
    "int[]": "new int[0]",
    "double[]": "new double[0]",
    "string[]": "new String[0]",
    "int[][]": "new int[0][]",
    "List<int>": "new ArrayList<>()",
    "List<string>": "new ArrayList<>()",
    "List<List<int>>": "new ArrayList<>()",
    "List<List<string>>": "new ArrayList<>()",
    "ListNode": "null",
    "TreeNode": "null",
}
_CPP = {
    "int": "int",
    "long": "long long",
    "double": "double",
    "bool": "bool",
    "string": "string",
    "int[]": "vector<int>",
    "double[]": "vector<double>",
    "string[]": "vector<string>",
    "int[][]": "vector<vector<int>>",
    "char[][]": "vector<vector<char>>",
    "List<int>": "vector<int>",
    "List<string>": "vector<string>",
    "List<List<int>>": "vector<vector<int>>",
    "List<List<string>>": "vector<vector<string>>",
    "ListNode": "ListNode*",
    "ListNode[]": "vector<ListNode*>",
    "TreeNode": "TreeNode*",
}


def _kinds(signature: dict) -> set[str]:
    return {kind for _, kind in signature["params"]} | {signature["returns"]}


def _uses(signature: dict, node: str) -> bool:
    return any(kind.startswith(node) for kind in _kinds(signature))


# ------------------------------------------------------------------------------------------------
# Starters
# ------------------------------------------------------------------------------------------------
def render_starter(language: str, signature: dict) -> str:
    name, params, returns = signature["function"], signature["params"], signature["returns"]
    if language == "python":
        args = ", ".join(f"{p}: {_PY[k]}" for p, k in params)
        return f"def {name}({args}) -> {_PY[returns]}:\n    pass\n"
    if language == "javascript":
        doc = "".join(f" * @param {{{_JS[k]}}} {camel(p)}\n" for p, k in params)
        args = ", ".join(camel(p) for p, _ in params)
        return f"/**\n{doc} * @return {{{_JS[returns]}}}\n */\nfunction {camel(name)}({args}) {{\n\n}}\n"
    if language == "java":
        args = ", ".join(f"{_JAVA[k]} {camel(p)}" for p, k in params)
        return (
            f"class Solution {{\n    public {_JAVA[returns]} {camel(name)}({args}) {{\n"
            f"        return {_JAVA_DEFAULT[returns]};\n    }}\n}}\n"
        )
    if language == "cpp":
        refs = {k: "&" if _CPP[k].startswith("vector") or k == "string" else "" for _, k in params}
        args = ", ".join(f"{_CPP[k]}{refs[k]} {camel(p)}" for p, k in params)
        return (
            f"class Solution {{\npublic:\n    {_CPP[returns]} {camel(name)}({args}) {{\n"
            "        return {};\n    }\n};\n"
        )
    raise ValueError(language)


# ------------------------------------------------------------------------------------------------
# Wrappers
# ------------------------------------------------------------------------------------------------
_PY_NODES = {
    "ListNode": """class ListNode:
    def __init__(self, val: int = 0, next: "ListNode | None" = None):
        self.val = val
        self.next = next
""",
    "TreeNode": """class TreeNode:
    def __init__(self, val: int = 0, left: "TreeNode | None" = None, right: "TreeNode | None" = None):
        self.val = val
        self.left = left
        self.right = right
""",
}
_PY_HELPERS = {
    "ListNode": """def _to_list(values):
    head = tail = ListNode()
    for v in values:
        tail.next = tail = ListNode(v)
    return head.next


def _from_list(node):
    out = []
    while node is not None:
        out.append(node.val)
        node = node.next
    return out
""",
    "TreeNode": """def _to_tree(tokens):
    if not tokens or tokens[0] == "null":
        return None
    nodes = [None if t == "null" else TreeNode(int(t)) for t in tokens]
    root, queue, i = nodes[0], deque([nodes[0]]), 1
    while queue and i < len(nodes):
        node = queue.popleft()
        for side in ("left", "right"):
            if i < len(nodes):
                setattr(node, side, nodes[i])
                if nodes[i] is not None:
                    queue.append(nodes[i])
                i += 1
    return root


def _from_tree(root):
    out, queue = [], deque([root])
    while queue:
        node = queue.popleft()
        if node is None:
            out.append("null")
        else:
            out.append(str(node.val))
            queue.extend((node.left, node.right))
    while out and out[-1] == "null":
        out.pop()
    return out
""",
}


def _py_read(kind: str) -> str:
    ints = "[int(x) for x in _line().split()]"
    return {
        "int": "int(_line())",
        "long": "int(_line())",
        "double": "float(_line())",
        "bool": '_line().strip() == "true"',
        "string": "_line()",
        "int[]": ints,
        "List<int>": ints,
        "double[]": "[float(x) for x in _line().split()]",
        "string[]": "_line().split()",
        "List<string>": "_line().split()",
        "int[][]": f"[{ints} for _ in range(int(_line()))]",
        "List<List<int>>": f"[{ints} for _ in range(int(_line()))]",
        "List<List<string>>": "[_line().split() for _ in range(int(_line()))]",
        "char[][]": "[list(_line().strip()) for _ in range(int(_line()))]",
        "ListNode": f"_to_list({ints})",
        "ListNode[]": f"[_to_list({ints}) for _ in range(int(_line()))]",
        "TreeNode": "_to_tree(_line().split())",
    }[kind]


def _py_write(kind: str, sort_inner: bool) -> str:
    row = "sorted(row)" if sort_inner else "row"
    return {
        "int": "str(result)",
        "long": "str(result)",
        "string": "str(result)",
        "bool": '"true" if result else "false"',
        "double": 'f"{result:.5f}"',
        "double[]": '" ".join(f"{x:.5f}" for x in result)',
        "int[]": '" ".join(map(str, result))',
        "List<int>": '" ".join(map(str, result))',
        "string[]": '" ".join(result)',
        "List<string>": '" ".join(result)',
        "int[][]": f'"\\n".join(" ".join(map(str, {row})) for row in result)',
        "List<List<int>>": f'"\\n".join(" ".join(map(str, {row})) for row in result)',
        "List<List<string>>": f'"\\n".join(" ".join({row}) for row in result)',
        "ListNode": '" ".join(map(str, _from_list(result)))',
        "TreeNode": '" ".join(_from_tree(result))',
    }[kind]


def _python_wrapper(sig: dict) -> str:
    nodes = [n for n in ("ListNode", "TreeNode") if _uses(sig, n)]
    imports = "import sys\nfrom collections import deque\n" if "TreeNode" in nodes else "import sys\n"
    parts = [imports, "\nsys.setrecursionlimit(1_000_000)\n\n\n"]
    parts += [_PY_NODES[n] + "\n\n" for n in nodes]
    parts.append("# @@SOLUTION@@\n\n\n")
    parts += [_PY_HELPERS[n] + "\n\n" for n in nodes]
    reads = "".join(f"    {p} = {_py_read(k)}\n" for p, k in sig["params"])
    call = f"{sig['function']}({', '.join(p for p, _ in sig['params'])})"
    parts.append(
        "def _main() -> None:\n"
        '    lines = sys.stdin.read().split("\\n")\n'
        "    pos = 0\n\n"
        "    def _line() -> str:\n"
        "        nonlocal pos\n"
        '        text = lines[pos].rstrip("\\r") if pos < len(lines) else ""\n'
        "        pos += 1\n"
        "        return text\n\n"
        f"{reads}"
        f"    result = {call}\n"
        f'    sys.stdout.write(({_py_write(sig["returns"], sig.get("sort_inner", False))}) + "\\n")\n\n\n'
        "_main()\n"
    )
    return "".join(parts)


_JS_NODES = {
    "ListNode": """class ListNode {
  constructor(val = 0, next = null) {
    this.val = val;
    this.next = next;
  }
}
""",
    "TreeNode": """class TreeNode {
  constructor(val = 0, left = null, right = null) {
    this.val = val;
    this.left = left;
    this.right = right;
  }
}
""",
}
_JS_HELPERS = {
    "ListNode": """function _toList(values) {
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
""",
    "TreeNode": """function _toTree(tokens) {
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
""",
}


def _js_read(kind: str) -> str:
    rows = "Array.from({ length: Number(_line()) }, () => %s)"
    return {
        "int": "Number(_line())",
        "long": "Number(_line())",
        "double": "Number(_line())",
        "bool": '_line().trim() === "true"',
        "string": "_line()",
        "int[]": "_nums(_line())",
        "List<int>": "_nums(_line())",
        "double[]": "_nums(_line())",
        "string[]": "_words(_line())",
        "List<string>": "_words(_line())",
        "int[][]": rows % "_nums(_line())",
        "List<List<int>>": rows % "_nums(_line())",
        "List<List<string>>": rows % "_words(_line())",
        "char[][]": rows % '_line().trim().split("")',
        "ListNode": "_toList(_nums(_line()))",
        "ListNode[]": rows % "_toList(_nums(_line()))",
        "TreeNode": "_toTree(_words(_line()))",
    }[kind]


def _js_write(kind: str, sort_inner: bool) -> str:
    row = "[...row].sort()" if sort_inner else "row"
    if sort_inner and kind == "List<List<int>>":
        row = "[...row].sort((a, b) => a - b)"
    return {
        "int": "String(result)",
        "long": "String(result)",
        "string": "String(result)",
        "bool": 'result ? "true" : "false"',
        "double": "result.toFixed(5)",
        "double[]": 'result.map((x) => x.toFixed(5)).join(" ")',
        "int[]": 'result.join(" ")',
        "List<int>": 'result.join(" ")',
        "string[]": 'result.join(" ")',
        "List<string>": 'result.join(" ")',
        "int[][]": f'result.map((row) => {row}.join(" ")).join("\\n")',
        "List<List<int>>": f'result.map((row) => {row}.join(" ")).join("\\n")',
        "List<List<string>>": f'result.map((row) => {row}.join(" ")).join("\\n")',
        "ListNode": '_fromList(result).join(" ")',
        "TreeNode": '_fromTree(result).join(" ")',
    }[kind]


def _javascript_wrapper(sig: dict) -> str:
    nodes = [n for n in ("ListNode", "TreeNode") if _uses(sig, n)]
    parts = ['"use strict";\n\n']
    parts += [_JS_NODES[n] + "\n" for n in nodes]
    parts.append("// @@SOLUTION@@\n\n")
    parts += [_JS_HELPERS[n] + "\n" for n in nodes]
    reads = "".join(f"  const {camel(p)} = {_js_read(k)};\n" for p, k in sig["params"])
    call = f"{camel(sig['function'])}({', '.join(camel(p) for p, _ in sig['params'])})"
    parts.append(
        "function _nums(text) {\n"
        "  return text.split(/\\s+/).filter(Boolean).map(Number);\n"
        "}\n\n"
        "function _words(text) {\n"
        "  return text.split(/\\s+/).filter(Boolean);\n"
        "}\n\n"
        "function _main() {\n"
        '  const lines = require("fs").readFileSync(0, "utf8").split("\\n");\n'
        "  let pos = 0;\n"
        '  const _line = () => (pos < lines.length ? lines[pos++].replace(/\\r$/, "") : (pos++, ""));\n'
        f"{reads}"
        f"  const result = {call};\n"
        f'  process.stdout.write(({_js_write(sig["returns"], sig.get("sort_inner", False))}) + "\\n");\n'
        "}\n\n"
        "_main();\n"
    )
    return "".join(parts)


_JAVA_NODES = {
    "ListNode": """class ListNode {
    int val;
    ListNode next;
    ListNode() {}
    ListNode(int val) { this.val = val; }
    ListNode(int val, ListNode next) { this.val = val; this.next = next; }
}
""",
    "TreeNode": """class TreeNode {
    int val;
    TreeNode left, right;
    TreeNode() {}
    TreeNode(int val) { this.val = val; }
    TreeNode(int val, TreeNode left, TreeNode right) { this.val = val; this.left = left; this.right = right; }
}
""",
}
_JAVA_HELPERS = {
    "ListNode": """    static ListNode toList(int[] values) {
        ListNode head = new ListNode(), tail = head;
        for (int v : values) tail = tail.next = new ListNode(v);
        return head.next;
    }

    static void writeList(StringBuilder out, ListNode node) {
        for (boolean first = true; node != null; node = node.next, first = false) {
            if (!first) out.append(' ');
            out.append(node.val);
        }
    }
""",
    "TreeNode": """    static TreeNode toTree(String[] tokens) {
        if (tokens.length == 0 || tokens[0].equals("null")) return null;
        TreeNode[] nodes = new TreeNode[tokens.length];
        for (int i = 0; i < tokens.length; i++)
            nodes[i] = tokens[i].equals("null") ? null : new TreeNode(Integer.parseInt(tokens[i]));
        ArrayDeque<TreeNode> queue = new ArrayDeque<>();
        queue.add(nodes[0]);
        int i = 1;
        while (!queue.isEmpty() && i < nodes.length) {
            TreeNode node = queue.poll();
            if (i < nodes.length) { node.left = nodes[i]; if (nodes[i] != null) queue.add(nodes[i]); i++; }
            if (i < nodes.length) { node.right = nodes[i]; if (nodes[i] != null) queue.add(nodes[i]); i++; }
        }
        return nodes[0];
    }

    static void writeTree(StringBuilder out, TreeNode root) {
        List<String> tokens = new ArrayList<>();
        List<TreeNode> queue = new ArrayList<>();
        queue.add(root);
        for (int head = 0; head < queue.size(); head++) {
            TreeNode node = queue.get(head);
            if (node == null) { tokens.add("null"); continue; }
            tokens.add(String.valueOf(node.val));
            queue.add(node.left);
            queue.add(node.right);
        }
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).equals("null")) tokens.remove(tokens.size() - 1);
        out.append(String.join(" ", tokens));
    }
""",
}


def _java_read(kind: str, name: str) -> str:
    count = f"int {name}Count = Integer.parseInt(line().trim());"
    return {
        "int": f"int {name} = Integer.parseInt(line().trim());",
        "long": f"long {name} = Long.parseLong(line().trim());",
        "double": f"double {name} = Double.parseDouble(line().trim());",
        "bool": f'boolean {name} = line().trim().equals("true");',
        "string": f"String {name} = line();",
        "int[]": f"int[] {name} = ints(line());",
        "double[]": f"double[] {name} = Arrays.stream(words(line())).mapToDouble(Double::parseDouble).toArray();",
        "List<int>": f"List<Integer> {name} = new ArrayList<>(); for (int v : ints(line())) {name}.add(v);",
        "string[]": f"String[] {name} = words(line());",
        "List<string>": f"List<String> {name} = new ArrayList<>(Arrays.asList(words(line())));",
        "int[][]": f"{count}\n        int[][] {name} = new int[{name}Count][];\n"
        f"        for (int i = 0; i < {name}Count; i++) {name}[i] = ints(line());",
        "List<List<int>>": f"{count}\n        List<List<Integer>> {name} = new ArrayList<>();\n"
        f"        for (int i = 0; i < {name}Count; i++) {{ List<Integer> row = new ArrayList<>(); "
        f"for (int v : ints(line())) row.add(v); {name}.add(row); }}",
        "List<List<string>>": f"{count}\n        List<List<String>> {name} = new ArrayList<>();\n"
        f"        for (int i = 0; i < {name}Count; i++) {name}.add(new ArrayList<>(Arrays.asList(words(line()))));",
        "char[][]": f"{count}\n        char[][] {name} = new char[{name}Count][];\n"
        f"        for (int i = 0; i < {name}Count; i++) {name}[i] = line().trim().toCharArray();",
        "ListNode": f"ListNode {name} = toList(ints(line()));",
        "ListNode[]": f"{count}\n        ListNode[] {name} = new ListNode[{name}Count];\n"
        f"        for (int i = 0; i < {name}Count; i++) {name}[i] = toList(ints(line()));",
        "TreeNode": f"TreeNode {name} = toTree(words(line()));",
    }[kind]


def _java_write(kind: str, sort_inner: bool) -> str:
    sort = "            Collections.sort(row);\n" if sort_inner else ""
    if kind in ("int", "long", "string", "bool"):
        return "        out.append(result);\n"
    if kind == "double":
        return '        out.append(String.format(Locale.ROOT, "%.5f", result));\n'
    if kind == "double[]":
        return (
            "        for (int i = 0; i < result.length; i++) {\n"
            "            if (i > 0) out.append(' ');\n"
            '            out.append(String.format(Locale.ROOT, "%.5f", result[i]));\n'
            "        }\n"
        )
    if kind in ("int[]", "string[]"):
        return (
            "        for (int i = 0; i < result.length; i++) { if (i > 0) out.append(' '); out.append(result[i]); }\n"
        )
    if kind in ("List<int>", "List<string>"):
        return (
            "        for (int i = 0; i < result.size(); i++) { if (i > 0) out.append(' '); "
            "out.append(result.get(i)); }\n"
        )
    if kind == "int[][]":
        return (
            "        for (int r = 0; r < result.length; r++) {\n"
            "            if (r > 0) out.append('\\n');\n"
            + ("            Arrays.sort(result[r]);\n" if sort_inner else "")
            + "            for (int i = 0; i < result[r].length; i++) { if (i > 0) out.append(' '); "
            "out.append(result[r][i]); }\n"
            "        }\n"
        )
    if kind in ("List<List<int>>", "List<List<string>>"):
        elem = "Integer" if kind == "List<List<int>>" else "String"
        return (
            "        for (int r = 0; r < result.size(); r++) {\n"
            "            if (r > 0) out.append('\\n');\n"
            f"            List<{elem}> row = new ArrayList<>(result.get(r));\n"
            f"{sort}"
            "            for (int i = 0; i < row.size(); i++) { if (i > 0) out.append(' '); out.append(row.get(i)); }\n"
            "        }\n"
        )
    if kind == "ListNode":
        return "        writeList(out, result);\n"
    if kind == "TreeNode":
        return "        writeTree(out, result);\n"
    raise ValueError(kind)


def _java_wrapper(sig: dict) -> str:
    nodes = [n for n in ("ListNode", "TreeNode") if _uses(sig, n)]
    parts = [
        "import java.io.*;\nimport java.util.*;\n\n",
        # Java wants imports before any class: the marker comes first so a solution may add its own.
        "// @@SOLUTION@@\n\n",
    ]
    parts += [_JAVA_NODES[n] + "\n" for n in nodes]
    reads = "".join(f"        {_java_read(k, camel(p))}\n" for p, k in sig["params"])
    call = f"new Solution().{camel(sig['function'])}({', '.join(camel(p) for p, _ in sig['params'])})"
    helpers = "".join("\n" + _JAVA_HELPERS[n] for n in nodes)
    parts.append(
        "public class Main {\n"
        "    static List<String> lines = new ArrayList<>();\n"
        "    static int pos = 0;\n\n"
        '    static String line() { return pos < lines.size() ? lines.get(pos++) : ""; }\n\n'
        "    static String[] words(String text) {\n"
        "        text = text.trim();\n"
        '        return text.isEmpty() ? new String[0] : text.split("\\\\s+");\n'
        "    }\n\n"
        "    static int[] ints(String text) {\n"
        "        String[] parts = words(text);\n"
        "        int[] values = new int[parts.length];\n"
        "        for (int i = 0; i < parts.length; i++) values[i] = Integer.parseInt(parts[i]);\n"
        "        return values;\n"
        "    }\n"
        f"{helpers}\n"
        "    public static void main(String[] args) throws IOException {\n"
        "        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));\n"
        "        for (String text; (text = in.readLine()) != null; ) lines.add(text);\n"
        f"{reads}"
        f"        {_JAVA[sig['returns']]} result = {call};\n"
        "        StringBuilder out = new StringBuilder();\n"
        f"{_java_write(sig['returns'], sig.get('sort_inner', False))}"
        "        System.out.println(out);\n"
        "    }\n"
        "}\n"
    )
    return "".join(parts)


_CPP_NODES = {
    "ListNode": """struct ListNode {
    int val;
    ListNode *next;
    ListNode() : val(0), next(nullptr) {}
    ListNode(int x) : val(x), next(nullptr) {}
    ListNode(int x, ListNode *next) : val(x), next(next) {}
};
""",
    "TreeNode": """struct TreeNode {
    int val;
    TreeNode *left;
    TreeNode *right;
    TreeNode() : val(0), left(nullptr), right(nullptr) {}
    TreeNode(int x) : val(x), left(nullptr), right(nullptr) {}
    TreeNode(int x, TreeNode *left, TreeNode *right) : val(x), left(left), right(right) {}
};
""",
}
_CPP_HELPERS = {
    "ListNode": """ListNode *to_list(const vector<int> &values) {
    ListNode head, *tail = &head;
    for (int v : values) tail = tail->next = new ListNode(v);
    return head.next;
}

void write_list(ostringstream &out, ListNode *node) {
    for (bool first = true; node; node = node->next, first = false) out << (first ? "" : " ") << node->val;
}
""",
    "TreeNode": """TreeNode *to_tree(const vector<string> &tokens) {
    if (tokens.empty() || tokens[0] == "null") return nullptr;
    vector<TreeNode *> nodes;
    for (const string &t : tokens) nodes.push_back(t == "null" ? nullptr : new TreeNode(stoi(t)));
    deque<TreeNode *> queue{nodes[0]};
    size_t i = 1;
    while (!queue.empty() && i < nodes.size()) {
        TreeNode *node = queue.front();
        queue.pop_front();
        if (i < nodes.size()) { node->left = nodes[i]; if (nodes[i]) queue.push_back(nodes[i]); i++; }
        if (i < nodes.size()) { node->right = nodes[i]; if (nodes[i]) queue.push_back(nodes[i]); i++; }
    }
    return nodes[0];
}

void write_tree(ostringstream &out, TreeNode *root) {
    vector<string> tokens;
    vector<TreeNode *> queue{root};
    for (size_t head = 0; head < queue.size(); head++) {
        TreeNode *node = queue[head];
        if (!node) { tokens.push_back("null"); continue; }
        tokens.push_back(to_string(node->val));
        queue.push_back(node->left);
        queue.push_back(node->right);
    }
    while (!tokens.empty() && tokens.back() == "null") tokens.pop_back();
    for (size_t i = 0; i < tokens.size(); i++) out << (i ? " " : "") << tokens[i];
}
""",
}


def _cpp_read(kind: str, name: str) -> str:
    count = f"int {name}_count = stoi(line());"
    loop = f"for (int i = 0; i < {name}_count; i++)"
    return {
        "int": f"int {name} = stoi(line());",
        "long": f"long long {name} = stoll(line());",
        "double": f"double {name} = stod(line());",
        "bool": f'bool {name} = words(line()) == vector<string>{{"true"}};',
        "string": f"string {name} = line();",
        "int[]": f"vector<int> {name} = ints(line());",
        "List<int>": f"vector<int> {name} = ints(line());",
        "double[]": f"vector<double> {name}; for (auto &w : words(line())) {name}.push_back(stod(w));",
        "string[]": f"vector<string> {name} = words(line());",
        "List<string>": f"vector<string> {name} = words(line());",
        "int[][]": f"{count}\n    vector<vector<int>> {name};\n    {loop} {name}.push_back(ints(line()));",
        "List<List<int>>": f"{count}\n    vector<vector<int>> {name};\n    {loop} {name}.push_back(ints(line()));",
        "List<List<string>>": f"{count}\n    vector<vector<string>> {name};\n"
        f"    {loop} {name}.push_back(words(line()));",
        "char[][]": f"{count}\n    vector<vector<char>> {name};\n"
        f"    {loop} {{ auto w = words(line()); string row = w.empty() ? string() : w[0]; "
        f"{name}.emplace_back(row.begin(), row.end()); }}",
        "ListNode": f"ListNode *{name} = to_list(ints(line()));",
        "ListNode[]": f"{count}\n    vector<ListNode *> {name};\n    {loop} {name}.push_back(to_list(ints(line())));",
        "TreeNode": f"TreeNode *{name} = to_tree(words(line()));",
    }[kind]


def _cpp_write(kind: str, sort_inner: bool) -> str:
    if kind in ("int", "long", "string"):
        return "    out << result;\n"
    if kind == "bool":
        return '    out << (result ? "true" : "false");\n'
    if kind == "double":
        return "    out << fixed << setprecision(5) << result;\n"
    if kind == "double[]":
        return (
            "    out << fixed << setprecision(5);\n"
            '    for (size_t i = 0; i < result.size(); i++) out << (i ? " " : "") << result[i];\n'
        )
    if kind in ("int[]", "List<int>", "string[]", "List<string>"):
        return '    for (size_t i = 0; i < result.size(); i++) out << (i ? " " : "") << result[i];\n'
    if kind in ("int[][]", "List<List<int>>", "List<List<string>>"):
        return (
            "    for (size_t r = 0; r < result.size(); r++) {\n"
            "        auto row = result[r];\n"
            + ("        sort(row.begin(), row.end());\n" if sort_inner else "")
            + '        if (r) out << "\\n";\n'
            '        for (size_t i = 0; i < row.size(); i++) out << (i ? " " : "") << row[i];\n'
            "    }\n"
        )
    if kind == "ListNode":
        return "    write_list(out, result);\n"
    if kind == "TreeNode":
        return "    write_tree(out, result);\n"
    raise ValueError(kind)


def _cpp_wrapper(sig: dict) -> str:
    nodes = [n for n in ("ListNode", "TreeNode") if _uses(sig, n)]
    parts = ["#include <bits/stdc++.h>\nusing namespace std;\n\n"]
    parts += [_CPP_NODES[n] + "\n" for n in nodes]
    parts.append("// @@SOLUTION@@\n\n")
    parts.append(
        "namespace io {\n"
        "vector<string> lines;\n"
        "size_t pos = 0;\n\n"
        "string line() {\n"
        '    string text = pos < lines.size() ? lines[pos] : "";\n'
        "    pos++;\n"
        "    if (!text.empty() && text.back() == '\\r') text.pop_back();\n"
        "    return text;\n"
        "}\n\n"
        "vector<string> words(const string &text) {\n"
        "    istringstream in(text);\n"
        "    vector<string> out;\n"
        "    for (string w; in >> w;) out.push_back(w);\n"
        "    return out;\n"
        "}\n\n"
        "vector<int> ints(const string &text) {\n"
        "    vector<int> out;\n"
        "    const char *p = text.c_str();\n"
        "    char *end;\n"
        "    for (long v = strtol(p, &end, 10); p != end; v = strtol(p, &end, 10)) {\n"
        "        out.push_back((int)v);\n"
        "        p = end;\n"
        "    }\n"
        "    return out;\n"
        "}\n" + "".join("\n" + _CPP_HELPERS[n] for n in nodes) + "}  // namespace io\n\n"
    )
    reads = "".join(f"    {_cpp_read(k, camel(p))}\n" for p, k in sig["params"])
    call = f"Solution().{camel(sig['function'])}({', '.join(camel(p) for p, _ in sig['params'])})"
    parts.append(
        "int main() {\n"
        "    using namespace io;\n"
        "    ios::sync_with_stdio(false);\n"
        "    for (string text; getline(cin, text);) lines.push_back(text);\n"
        f"{reads}"
        f"    {_CPP[sig['returns']]} result = {call};\n"
        "    ostringstream out;\n"
        f"{_cpp_write(sig['returns'], sig.get('sort_inner', False))}"
        '    cout << out.str() << "\\n";\n'
        "    return 0;\n"
        "}\n"
    )
    return "".join(parts)


def render_wrapper(language: str, signature: dict) -> str:
    return {
        "python": _python_wrapper,
        "javascript": _javascript_wrapper,
        "java": _java_wrapper,
        "cpp": _cpp_wrapper,
    }[language](signature)
