// expect: OK contained
const net = require('net');
let pending = 2;
let leaked = [];
for (const port of [5432, 6379]) {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.on('connect', () => { leaked.push(port); socket.destroy(); });
  socket.on('error', () => {});
  socket.on('close', () => { if (--pending === 0) console.log(leaked.length ? 'LEAKED ' + leaked : 'contained'); });
}
