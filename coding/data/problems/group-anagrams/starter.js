/**
 * @param {string[]} strs
 * @return {string[][]}
 */
function groupAnagrams(strs) {

}
