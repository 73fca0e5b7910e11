function ladderLength(beginWord, endWord, wordList) {
  const unvisited = new Set(wordList);
  if (!unvisited.has(endWord)) return 0;
  let level = [beginWord], depth = 1;
  while (level.length) {
    const next = [];
    for (const word of level) {
      for (let i = 0; i < word.length; i++) {
        for (let c = 97; c <= 122; c++) {
          const candidate = word.slice(0, i) + String.fromCharCode(c) + word.slice(i + 1);
          if (!unvisited.has(candidate)) continue;
          if (candidate === endWord) return depth + 1;
          unvisited.delete(candidate);
          next.push(candidate);
        }
      }
    }
    level = next;
    depth++;
  }
  return 0;
}
