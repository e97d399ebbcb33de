function* range(n) { for (let i = 0; i < n; i++) yield i * 2; }
async function total() { let s = 0; for await (const v of (async function* () { yield 1; yield 2; })()) s += v; return s; }
console.log([...range(4)].join(","));
total().then(function (t) { console.log("async", t); });
