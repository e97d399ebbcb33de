const tagged = (strings, ...vals) => strings.raw.join("|") + vals.join(",");
console.log(tagged`a${1}b\n${2}c`, String.raw`x\ty`);
