class Solution {
public:
    int maxPathSum(TreeNode* root) {
        return {};
    }
};
