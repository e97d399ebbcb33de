var o = { a: { b: null } };
console.log(o?.a?.b?.c, o.x?.y, o.a?.["b"], typeof o.f?.());
