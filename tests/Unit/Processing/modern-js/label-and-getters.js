var o = { get double() { return this.v * 2; }, set double(x) { this.v = x / 2; }, v: 3, ["computed" + 1]: true, async method() {}, *gen() {} };
o.double = 10;
outer: for (var i = 0; i < 3; i++) { for (var j = 0; j < 3; j++) { if (j === 1) continue outer; if (i === 2) break outer; } }
console.log(o.double, o.v, o.computed1, i, j, typeof o.gen);
