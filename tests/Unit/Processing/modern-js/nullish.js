var zero = 0, nothing = null;
console.log(zero ?? 5, nothing ?? "fallback", (nothing || 0) ?? 9);
var cfg = {}; cfg.x ??= 3; cfg.y ||= 4; cfg.z &&= 5;
console.log(JSON.stringify(cfg));
