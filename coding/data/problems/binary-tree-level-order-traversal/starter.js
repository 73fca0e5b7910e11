/**
 * @param {TreeNode|null} root
 * @return {number[][]}
 */
function levelOrder(root) {

}
