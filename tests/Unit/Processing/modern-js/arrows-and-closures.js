const makeObject = (k) => ({ [k]: k.length });
const fns = [];
for (let i = 0; i < 3; i++) fns.push(() => i);
console.log(JSON.stringify(makeObject("key")), fns.map(f => f()).join(""), 2 ** 10, 1_000_000, typeof 10n);
