//# sourceMappingURL=source_map.js.map
let counter = 2;
