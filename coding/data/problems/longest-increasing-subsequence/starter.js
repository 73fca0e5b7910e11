/**
 * @param {number[]} nums
 * @return {number}
 */
function lengthOfLis(nums) {

}
