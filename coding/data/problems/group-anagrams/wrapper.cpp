#include <bits/stdc++.h>
using namespace std;

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
}  // namespace io

int main() {
    using namespace io;
    ios::sync_with_stdio(false);
    for (string text; getline(cin, text);) lines.push_back(text);
    vector<string> strs = words(line());
    vector<vector<string>> result = Solution().groupAnagrams(strs);
    ostringstream out;
    for (size_t r = 0; r < result.size(); r++) {
        auto row = result[r];
        sort(row.begin(), row.end());
        if (r) out << "\n";
        for (size_t i = 0; i < row.size(); i++) out << (i ? " " : "") << row[i];
    }
    cout << out.str() << "\n";
    return 0;
}
