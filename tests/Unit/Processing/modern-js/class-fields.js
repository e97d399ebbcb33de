class Counter {
  #count = 0;
  static created = 0;
  increment() { this.#count++; return this.#count; }
  get value() { return this.#count; }
  static #secret() { return "s"; }
  static reveal() { return Counter.#secret(); }
  static isCounter(o) { return #count in o; }
}
var c = new Counter(); c.increment(); c.increment();
console.log(c.value, Counter.created, Counter.reveal(), Counter.isCounter(c), Counter.isCounter({}));
