/**
 * Countries as writers name them in a report's front matter (`countries:`):
 * an ISO 3166 code (SY, UA) or an English name (Syria, Ukraine, Burma, DR
 * Congo). Names come from Node's Intl, as the built-in layer's country names
 * do, with the parts of a name such as "Myanmar (Burma)" or "Congo -
 * Kinshasa", and the few short names the press uses that Intl does not give.
 */

/** Press names Intl's English names do not give, simplified. */
const PRESS_NAMES: ReadonlyMap<string, string> = new Map([
  ['palestine', 'PS'],
  ['state of palestine', 'PS'],
  ['dr congo', 'CD'],
  ['drc', 'CD'],
  ['democratic republic of the congo', 'CD'],
  ['democratic republic of congo', 'CD'],
  ['republic of the congo', 'CG'],
  ['ivory coast', 'CI'],
  ['turkey', 'TR'],
  ['czech republic', 'CZ'],
  ['east timor', 'TL'],
  ['north korea', 'KP'],
  ['south korea', 'KR'],
  ['uk', 'GB'],
  ['great britain', 'GB'],
  ['usa', 'US'],
  ['united states of america', 'US'],
  ['cape verde', 'CV'],
  ['swaziland', 'SZ'],
  ['the gambia', 'GM'],
  ['vatican', 'VA'],
]);

/** Codes Intl names that are not countries: private-use codes (but XK, Kosovo), unions, "Unknown Region". */
const NOT_COUNTRIES = /^(?:AA|Q[M-Z]|X[A-JL-Z]|ZZ|EU|EZ|UN)$/;

let names: Map<string, string> | undefined;

function simplified(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'.]/g, '')
    .replace(/[\s\-–&]+/g, ' ')
    .trim();
}

/** Simplified English names → ISO code, from Intl, built on first use. */
function countryNames(): Map<string, string> {
  if (names) return names;
  names = new Map(PRESS_NAMES);
  const display = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  for (let first = 65; first <= 90; first++) {
    for (let second = 65; second <= 90; second++) {
      const code = String.fromCharCode(first, second);
      if (NOT_COUNTRIES.test(code)) continue;
      const name = display.of(code);
      if (!name) continue;
      // "Myanmar (Burma)" is also Myanmar and Burma; "Congo - Kinshasa" also Congo Kinshasa.
      const forms = [name, name.replace(/\s*\(.*\)$/, ''), /\((.*)\)$/.exec(name)?.[1] ?? ''];
      for (const form of forms) {
        const key = simplified(form);
        if (key !== '' && !names.has(key)) names.set(key, code);
      }
    }
  }
  return names;
}

/** The ISO 3166 code of a country written as its code or English name; undefined when it names none. */
export function countryCode(text: string): string | undefined {
  const trimmed = text.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const code = trimmed.toUpperCase();
    // Intl knows every assigned code (and a few user-assigned ones such as XK, Kosovo).
    return !NOT_COUNTRIES.test(code) && new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }).of(code) ? code : undefined;
  }
  return countryNames().get(simplified(trimmed.replace(/^the\s+/i, '')));
}
