/**
 * @param {number[]} stones
 * @return {number}
 */
function lastStoneWeight(stones) {

}
