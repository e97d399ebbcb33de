class Registry { static items = []; static { Registry.items.push("boot"); } }
console.log(Registry.items.join(","));
