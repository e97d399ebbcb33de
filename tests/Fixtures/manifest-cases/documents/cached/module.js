export const ownName = "module";
// Static imports, in every spacing a hand or a minifier writes.
import siteRoot from "/static/absolute_root.js";
import alpha from "./module_test.js";
import * as Everything from "./module_test.js";
import*as tight from "./module_test.js";
import *as leftSpace from "./module_test.js";
import* as rightSpace from "./module_test.js";
import*  as  wide from "./module_test.js";
import { alpha as renamed } from "./module_test.js";
import { beta, gamma } from "./module_test.js";
import {
    deltaOne as d1,
    $epsilon_2 as e2
} from "./module_test.js";
import nestedDefault from "../nested/js/nested.js";

// Dynamic imports in each quote, one with import attributes.
const lazyDouble = import("./module_test.js");
const lazySingle = import('./module_test.js');
const lazyTemplate = import(`./module_test.js`);
const lazyWithAttributes = import("./module_test.js", { with: { type: "json" } });

// A static import with attributes, minified.
import sheet from"./other.css"with{type:"css"};

import*as rootA from "/static/absolute_root.js";
import {Widget as rootW} from "/static/absolute_root.js";

// Re-exports.
export * from "./module_test.js";
export { beta as betaAgain } from "./module_test.js";
export {
    gamma as gammaAgain,
    deltaOne as deltaAgain
} from "./module_test.js";

// After other code on one line, as a minifier leaves it.
var filler; import { alpha as mid } from "./module_test.js";
import{alpha as packed}from"./module_test.js";import nestedPacked from"../nested/js/nested.js";
// No semicolon before the next line.
import{alpha as bare}from"./module_test.js"

import * as bareStar from "./module_test.js"
import { alpha as bareNamed } from "./module_test.js"

// Text that only looks like an import.
const quoted1 = 'import { x } from "./absent_module.js";';
const quoted2 = "import { y } from './absent_module.js';";
const quoted3 = `import { z } from "./absent_module.js";`;
const quoted4 = 'const q = import("./absent_module.js");';
const quoted5 = `
import { w } from "./absent_module.js";
`;

// An export with no from, then an import whose from is its own.
const localOnly = 1;
export { localOnly };
import { gamma as g2 } from "./module_test.js";

// A bare import, then one in a doc comment.
import '../nested/js/nested.js';
/**
 * @example
 * import { sample } from "./absent_module.js";
 */
function documented() {}

// None of these is an import.
// @type {import("./absent-a").Shape}
/* @type {import("./absent-b").Shape} */
console.log('import("./absent-c")');
console.log("import('./absent-d')");
console.log(`import("./absent-e")`);
const pattern = /import/;
/**
 * @param {Element} node
 * @returns {import("./absent-f").Options[]}
 */
function typed(node) { return node; }
