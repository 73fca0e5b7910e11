#include <bits/stdc++.h>
using namespace std;

struct TreeNode {
    int val;
    TreeNode *left;
    TreeNode *right;
    TreeNode() : val(0), left(nullptr), right(nullptr) {}
    TreeNode(int x) : val(x), left(nullptr), right(nullptr) {}
    TreeNode(int x, TreeNode *left, TreeNode *right) : val(x), left(left), right(right) {}
};

// @@SOLUTION@@

namespace io {
vector<string> lines;
size_t pos = 0;

string line() {
    string text = pos < lines.size() ? lines[pos] : "";
    pos++;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    return text;
}

vector<string> words(const string &text) {
    istringstream in(text);
    vector<string> out;
    for (string w; in >> w;) out.push_back(w);
    return out;
}

vector<int> ints(const string &text) {
    vector<int> out;
    const char *p = text.c_str();
    char *end;
    for (long v = strtol(p, &end, 10); p != end; v = strtol(p, &end, 10)) {
        out.push_back((int)v);
        p = end;
    }
    return out;
}

TreeNode *to_tree(const vector<string> &tokens) {
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
}  // namespace io

int main() {
    using namespace io;
    ios::sync_with_stdio(false);
    for (string text; getline(cin, text);) lines.push_back(text);
    TreeNode *root = to_tree(words(line()));
    int result = Solution().maxDepth(root);
    ostringstream out;
    out << result;
    cout << out.str() << "\n";
    return 0;
}
