/**
 * @param {number[]} heights
 * @return {number}
 */
function largestRectangleArea(heights) {

}
