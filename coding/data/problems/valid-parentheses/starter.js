/**
 * @param {string} s
 * @return {boolean}
 */
function isValid(s) {

}
