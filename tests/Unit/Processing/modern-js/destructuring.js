const { a = 1, b: { c = 2 } = {}, ...rest } = { d: 4, e: 5 };
const [x, , y = 3, ...others] = [10, 20, undefined, 40, 50];
const swap = ([p, q]) => [q, p];
console.log(a, c, JSON.stringify(rest), x, y, others.join("-"), swap([1, 2]).join(""));
