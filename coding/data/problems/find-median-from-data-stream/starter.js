/**
 * @param {number[]} nums
 * @return {number[]}
 */
function runningMedians(nums) {

}
