/**
 * @param {TreeNode|null} root
 * @return {TreeNode|null}
 */
function invertTree(root) {

}
