// expect: TLE
setInterval(() => {}, 1000);
