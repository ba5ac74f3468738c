/**
 * Writes `common-passwords.txt`: passwords people pick most often, built offline from well-known
 * patterns (frequent base words and names, years, digit runs, keyboard walks, repetitions,
 * leetspeak) — the patterns that top every published breach-frequency list. Lower case; the check is
 * case-insensitive and also tries the word left after stripping digits and symbols around it. Run: `npx tsx src/catalog/generate-common-passwords.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WORDS = `password passw0rd p@ssword p@ssw0rd passwort motdepasse contrasena senha welcome letmein
qwerty qwertz azerty admin administrator root login master dragon monkey football baseball basketball
soccer hockey iloveyou iloveu sunshine princess starwars whatever trustno1 superman batman spiderman
michael jennifer jessica ashley daniel charlie thomas robert jordan hunter harley ranger buster tigger
matthew andrew joshua anthony william summer winter spring autumn freedom shadow killer pepper ginger
cheese chocolate computer internet secret access changeme default guest hello welcome1 mustang
corvette ferrari porsche mercedes yankees cowboys eagles steelers liverpool chelsea arsenal barcelona
madrid united london paris berlin newyork chicago america canada england germany france australia
orange banana cookie flower butterfly rainbow angel lovely loveme babygirl sweetheart friends family
jesus christ blessed heaven samsung google apple microsoft windows linux ubuntu android iphone
nintendo pokemon minecraft fortnite zelda mario matrix gandalf frodo hogwarts harrypotter
company office business manager leader leadership management teamwork success monday friday
january february march april june july august september october november december
fulcrum coaching coach feedback mentor student teacher school college university
alexander benjamin christopher elizabeth katherine samantha victoria nicholas jonathan patrick
stephanie danielle jasmine natalie olivia sophia isabella emma charlotte amelia mia harper
liverpool1 abcdef abcdefgh abcdefghijkl qwertyuiop asdfghjkl zxcvbnm 1qaz2wsx 1q2w3e4r 1q2w3e4r5t
q1w2e3r4 zaq12wsx 1qazxsw2 qazwsx qweasdzxc asdfgh zxcvbn poiuytrewq mnbvcxz
trustnoone letmein1 opensesame blink182 maverick cocacola pepsi starbucks whiskey bourbon
tennis golf cricket rugby chelsea1 dolphin elephant tiger lion panther falcon phoenix thunder
lightning diamond silver golden platinum crystal purple yellow orange1 green blue black white
universe galaxy planet nature forest ocean mountain river sunset sunrise moonlight starlight`
  .split(/\s+/)
  .filter(Boolean);

const SUFFIXES = [
  '1',
  '12',
  '123',
  '1234',
  '12345',
  '123456',
  '!',
  '1!',
  '123!',
  '01',
  '2024',
  '2025',
  '2026',
];

const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5' };
const leet = (w: string) => w.replace(/[aeios]/g, (c) => LEET[c] ?? c);

const out = new Set<string>();
const add = (p: string) => {
  if (p.length >= 6 && p.length <= 64) out.add(p.toLowerCase());
};

// every base word (the check also strips digits and symbols around a word and undoes leetspeak),
// and the whole-string forms people build from them
for (const word of WORDS) {
  add(word);
  add(`${word}${word}`);
  for (const suffix of SUFFIXES) {
    add(`${word}${suffix}`);
    add(`my${word}${suffix}`);
    add(`ilove${word}${suffix}`);
  }
}
// digit runs, repeated characters and keyboard walks
const digits = '12345678901234567890';
for (let n = 6; n <= 20; n++) {
  add(digits.slice(0, n));
  add(digits.slice(1, n + 1));
  add('98765432109876543210'.slice(0, n));
  for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789!.*') add(c.repeat(n));
}
for (const walk of [
  'qwertyuiop',
  'qwertyuiopasdfghjkl',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc',
  '1qaz2wsx3edc4rfv',
  'zaq12wsxcde3',
  'zaq1xsw2cde3',
  '1q2w3e4r5t6y',
  '1q2w3e4r5t6y7u8i',
  'q1w2e3r4t5y6',
  'qazwsxedcrfv',
  'qweasdzxc123',
  'qwerty123456',
  'qwertyqwerty',
  'asdfasdfasdf',
  'abc123abc123',
  'abcabcabcabc',
  '123qweasdzxc',
  'qwe123qwe123',
  'password123456',
  'aaaaaa111111',
  '123123123123',
  '121212121212',
  '112233445566',
  '123321123321',
  '147258369147',
  '159753159753',
  '147852369000',
  '789456123000',
]) {
  add(walk);
  add(leet(walk));
  for (const suffix of SUFFIXES) add(`${walk}${suffix}`);
}

const file = fileURLToPath(new URL('./common-passwords.txt', import.meta.url));
writeFileSync(file, `${[...out].sort().join('\n')}\n`);
process.stderr.write(`${out.size} passwords written to ${file}\n`);
