#include <bits/stdc++.h>
using namespace std;

struct ListNode {
    int val;
    ListNode *next;
    ListNode() : val(0), next(nullptr) {}
    ListNode(int x) : val(x), next(nullptr) {}
    ListNode(int x, ListNode *next) : val(x), next(next) {}
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

ListNode *to_list(const vector<int> &values) {
    ListNode head, *tail = &head;
    for (int v : values) tail = tail->next = new ListNode(v);
    return head.next;
}

void write_list(ostringstream &out, ListNode *node) {
    for (bool first = true; node; node = node->next, first = false) out << (first ? "" : " ") << node->val;
}
}  // namespace io

int main() {
    using namespace io;
    ios::sync_with_stdio(false);
    for (string text; getline(cin, text);) lines.push_back(text);
    ListNode *list1 = to_list(ints(line()));
    ListNode *list2 = to_list(ints(line()));
    ListNode* result = Solution().mergeTwoLists(list1, list2);
    ostringstream out;
    write_list(out, result);
    cout << out.str() << "\n";
    return 0;
}
