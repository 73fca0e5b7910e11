/**
 * @param {string[]} tokens
 * @return {number}
 */
function evalRpn(tokens) {

}
