class Solution {
public:
    bool isValidBst(TreeNode* root) {
        return {};
    }
};
