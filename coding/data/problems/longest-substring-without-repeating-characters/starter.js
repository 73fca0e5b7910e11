/**
 * @param {string} s
 * @return {number}
 */
function lengthOfLongestSubstring(s) {

}
