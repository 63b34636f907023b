// Unified social credit codes (统一社会信用代码) with the GB 32100-2015 check character, as
// the server validates them: 17 characters, then the character whose weighted sum makes the
// whole code 0 modulo 31.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function checkCharacter(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) throw new Error(`'${first17[i]}' cannot be in a credit code`);
    sum += value * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** A valid code for an enterprise (91) in Hangzhou (330100) with the given 9-character body. */
export function creditCode(body) {
  const first17 = `91330100${body}`;
  if (first17.length !== 17) throw new Error('the body must have 9 characters');
  return first17 + checkCharacter(first17);
}

/** The same code with a wrong check character: the typo the server must catch. */
export function withWrongCheck(code) {
  const wrong = ALPHABET[(ALPHABET.indexOf(code[17]) + 1) % 31];
  return code.slice(0, 17) + wrong;
}
