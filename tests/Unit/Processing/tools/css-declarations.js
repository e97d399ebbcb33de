// css-declarations.js <file>...: prints, per file, every rule's prelude and its declarations as css-tree parses
// and regenerates them, so two stylesheets can be compared by meaning rather than by bytes.
const fs = require('fs');
const csstree = require(process.env.CSSTREE_ROOT + '/node_modules/css-tree');
const out = {};
for (const file of process.argv.slice(2)) {
  let errors = 0;
  const ast = csstree.parse(fs.readFileSync(file, 'utf8'), { onParseError: () => errors++, parseCustomProperty: false });
  const rules = [];
  csstree.walk(ast, {
    enter(node) {
      if (node.type !== 'Rule' && node.type !== 'Atrule') return;
      const prelude = node.prelude ? csstree.generate(node.prelude) : '';
      const decls = [];
      if (node.block) node.block.children.forEach(child => {
        if (child.type === 'Declaration')
          decls.push(child.property + ':' + (child.value.type === 'Raw' ? child.value.value.trim().replace(/\s+/g, ' ') : csstree.generate(child.value)) + (child.important ? '!important' : ''));
      });
      rules.push({ type: node.type === 'Atrule' ? '@' + node.name : 'rule', prelude, decls });
    }
  });
  out[file] = { errors, rules };
}
process.stdout.write(JSON.stringify(out));
