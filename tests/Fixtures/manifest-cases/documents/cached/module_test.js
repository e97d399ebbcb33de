export const alpha = "a";
export const beta = "b";
export const gamma = "c";
export var deltaOne = "d1";
export var $epsilon_2 = "e2";
