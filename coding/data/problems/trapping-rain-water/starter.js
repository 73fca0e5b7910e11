/**
 * @param {number[]} height
 * @return {number}
 */
function trap(height) {

}
