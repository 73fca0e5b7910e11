function canFinish(numCourses, prerequisites) {
  const after = Array.from({ length: numCourses }, () => []);
  const needs = new Array(numCourses).fill(0);
  for (const [a, b] of prerequisites) {
    after[b].push(a);
    needs[a]++;
  }
  const ready = [];
  for (let c = 0; c < numCourses; c++) if (needs[c] === 0) ready.push(c);
  for (let head = 0; head < ready.length; head++) {
    for (const next of after[ready[head]]) if (--needs[next] === 0) ready.push(next);
  }
  return ready.length === numCourses;
}
