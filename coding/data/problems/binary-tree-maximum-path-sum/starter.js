/**
 * @param {TreeNode|null} root
 * @return {number}
 */
function maxPathSum(root) {

}
