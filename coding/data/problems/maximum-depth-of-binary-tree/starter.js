/**
 * @param {TreeNode|null} root
 * @return {number}
 */
function maxDepth(root) {

}
