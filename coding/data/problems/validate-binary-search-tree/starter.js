/**
 * @param {TreeNode|null} root
 * @return {boolean}
 */
function isValidBst(root) {

}
