const m = /(?<year>\d{4})-(?<month>\d{2})/u.exec("on 2024-05 then");
console.log(m.groups.year, m.groups.month, "a1b2".replace(/(?<=a)\d/g, "X"), /\p{L}+/u.test("é"), /x/s.flags);
