/**
 * Countries as writers name them in a report's front matter (`countries:`)
 * and in the CLI's `gazetteer lookup --within`: an ISO 3166 code (SY, UA) or
 * an English name (Syria, Ukraine, Burma, DR Congo). Names come from Node's
 * Intl, as the built-in layer's country names do, with the parts of a name
 * such as "Myanmar (Burma)" or "Congo - Kinshasa", and the names the press and
 * the UN use that Intl does not give.
 */

/** Press and UN names Intl's English names do not give, simplified. */
const PRESS_NAMES: ReadonlyMap<string, string> = new Map([
  ['palestine', 'PS'],
  ['state of palestine', 'PS'],
  // GeoNames' name, and the UN's (OCHA writes "occupied Palestinian territory", oPt).
  ['palestinian territory', 'PS'],
  ['occupied palestinian territory', 'PS'],
  ['opt', 'PS'],
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
  // The UN's names, which writers copy from UN and NGO reports.
  ['syrian arab republic', 'SY'],
  ['russian federation', 'RU'],
  ['iran islamic republic of', 'IR'],
  ['islamic republic of iran', 'IR'],
  ['lao pdr', 'LA'],
  ['lao peoples democratic republic', 'LA'],
  ['viet nam', 'VN'],
  ['democratic peoples republic of korea', 'KP'],
  ['republic of korea', 'KR'],
  ['republic of south sudan', 'SS'],
  ['bosnia', 'BA'],
  ['uae', 'AE'],
]);

/** Codes Intl names that are not countries: private-use codes (but XK, Kosovo), unions, "Unknown Region". */
const NOT_COUNTRIES = /^(?:AA|Q[M-Z]|X[A-JL-Z]|ZZ|EU|EZ|UN)$/;

let names: Map<string, string> | undefined;

const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/**
 * The code a region code stands for today: Intl still names withdrawn codes (BU Burma, VD North
 * Vietnam, YD South Yemen, DD East Germany, UK) by their successors' names, and canonicalises
 * each to the code in use (MM, VN, YE, DE, GB). Undefined for a code that is no country.
 */
function currentCode(code: string): string | undefined {
  if (NOT_COUNTRIES.test(code) || !REGIONS.of(code)) return undefined;
  return Intl.getCanonicalLocales(`und-${code}`)[0]!.slice('und-'.length);
}

function simplified(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    // "Iran (Islamic Republic of)", "Lao People's Democratic Republic".
    .replace(/[’'.()]/g, '')
    // Intl writes "Bosnia & Herzegovina", writers "Bosnia and Herzegovina".
    .replace(/\band\b/g, ' ')
    .replace(/[\s\-–&,]+/g, ' ')
    .trim();
}

/** Simplified English names → ISO code, from Intl, built on first use. */
function countryNames(): Map<string, string> {
  if (names) return names;
  names = new Map(PRESS_NAMES);
  for (let first = 65; first <= 90; first++) {
    for (let second = 65; second <= 90; second++) {
      const code = String.fromCharCode(first, second);
      // A withdrawn code bears its successor's name, and comes first in A–Z order (BU before MM).
      if (currentCode(code) !== code) continue;
      const name = REGIONS.of(code)!;
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
  // Intl knows every assigned code (and a few user-assigned ones such as XK, Kosovo); UK is GB.
  if (/^[A-Za-z]{2}$/.test(trimmed)) return currentCode(trimmed.toUpperCase());
  return countryNames().get(simplified(trimmed.replace(/^the\s+/i, '')));
}
