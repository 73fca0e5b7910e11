// expect: OK contained
// Spawns 200 children; the box's process limit refuses most of them (and they never reach the host).
const fs = require('fs');
const { spawn } = require('child_process');
for (let i = 0; i < 200; i++) {
  try {
    spawn('/bin/sleep', ['300'], { stdio: 'ignore' }).on('error', () => {});
  } catch (e) {}
}
setTimeout(() => {
  const alive = fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)).length;
  // The process limit (32 in the suite) is shared by the two tests that run side by side.
  console.log(alive <= 2 * 32 + 1 ? 'contained' : 'LEAKED ' + alive);
  process.exit(0);
}, 500);
