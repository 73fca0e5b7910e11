// expect: OK started
const { spawn } = require('child_process');
const child = spawn('/bin/sleep', ['300'], { detached: true, stdio: 'ignore' });
child.unref();
console.log('started');
