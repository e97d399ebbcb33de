// Shop app: cart counter.
let count = 0;
export function addToCart() { count += 1; return count; }
