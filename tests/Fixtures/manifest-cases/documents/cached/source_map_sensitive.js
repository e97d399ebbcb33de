//# SoUrCeMaPpInGuRl=source_map.js.map
