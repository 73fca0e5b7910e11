// expect: OLE
const line = 'e'.repeat(1000) + '\n';
for (;;) process.stderr.write(line);
