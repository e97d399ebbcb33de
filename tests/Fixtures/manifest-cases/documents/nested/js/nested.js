export const nothingHere = 0;
