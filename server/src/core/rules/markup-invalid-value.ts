import { ENUMERATED_ATTRIBUTES } from '../vocabulary.js';
import type { ExampleFix, Rule } from './rule.js';
import { byCloseness, nearest, ourDirectives, setValueFix } from './ruleHelpers.js';

/**
 * Words writers use for a value of a closed set, which no spelling distance finds: an "attacker"
 * is the perpetrator, the "wounded" are injured. Keyed by attribute name, then by the word in
 * lower case. No prototype: the words are what the writer typed.
 */
const MEANT: Readonly<Record<string, Readonly<Record<string, string>>>> = table({
  type: table({
    dead: 'killed', died: 'killed', deaths: 'killed', death: 'killed', fatalities: 'killed',
    wounded: 'injured', hurt: 'injured', injuries: 'injured',
    disappeared: 'missing', abducted: 'missing', kidnapped: 'missing',
    arrested: 'detained', imprisoned: 'detained', captured: 'detained', arrests: 'detained',
    fled: 'displaced', idps: 'displaced', refugees: 'displaced', evacuated: 'displaced',
  }),
  precision: table({
    approximate: 'approx', approximately: 'approx', about: 'approx', around: 'approx', circa: 'approx', estimate: 'approx',
    min: 'at-least', minimum: 'at-least', atleast: 'at-least', at_least: 'at-least', 'more-than': 'at-least',
    max: 'at-most', maximum: 'at-most', atmost: 'at-most', at_most: 'at-most', 'up-to': 'at-most',
    exactly: 'exact',
  }),
  role: table({
    attacker: 'perpetrator', aggressor: 'perpetrator', assailant: 'perpetrator', offender: 'perpetrator', responsible: 'perpetrator',
    target: 'victim', targeted: 'victim', casualty: 'victim',
    informant: 'source', reporter: 'source', witness: 'source', monitor: 'source',
    claim: 'claimant', claimed: 'claimant', claimer: 'claimant',
  }),
  kind: table({
    province: 'governorate', oblast: 'governorate', region: 'governorate', state: 'governorate',
    raion: 'district', county: 'district',
    neighborhood: 'neighbourhood', quarter: 'neighbourhood', suburb: 'neighbourhood',
    settlement: 'village', hamlet: 'village',
  }),
});

function table<T extends object>(entries: T): T {
  return Object.assign(Object.create(null) as T, entries);
}

/**
 * What the writer most likely meant: a value a letter or two away, a word that means one, or the
 * only value that the word begins ("gov" for governorate).
 */
function meantValue(name: string, written: string, values: readonly string[]): string | undefined {
  const lower = written.trim().toLowerCase();
  const begun = lower.length >= 2 ? values.filter((value) => value.startsWith(lower)) : [];
  return nearest(written, values) ?? MEANT[name]?.[lower] ?? (begun.length === 1 ? begun[0] : undefined);
}

/** The fixes an example expects: one per value, in this order, the first preferred when `firstPreferred`. */
function changes(written: (value: string) => string, values: string[], firstPreferred: boolean): ExampleFix[] {
  return values.map((value, index) => ({ title: `Change to "${value}"`, ...(firstPreferred && index === 0 ? { preferred: true as const } : {}), result: written(value) }));
}

export const markupInvalidValue: Rule = {
  code: 'markup-invalid-value',
  scope: 'block',
  defaultSeverity: 'error',
  summary: 'An attribute with a closed set of values (count type and precision, actor role, place kind) has a value outside it.',
  quickFix:
    'One fix per valid value, the closest to what was written first. The value meant is preferred and put first: one a letter or two away ("kiled"), one the word means ("attacker" is the perpetrator, "wounded" injured), or the only one the word begins ("gov").',
  examples: {
    fail: [
      {
        doc: ':count[46]{type=⟦kiled⟧}',
        message: 'type "kiled" is not one of killed, injured, missing, detained, displaced, affected; did you mean "killed"?',
        fixes: changes((type) => `:count[46]{type=${type}}`, ['killed', 'injured', 'detained', 'displaced', 'missing', 'affected'], true),
      },
      {
        doc: ':actor[Russia]{role=⟦attacker⟧}',
        message: 'role "attacker" is not one of perpetrator, victim, source, claimant, other; did you mean "perpetrator"?',
        fixes: changes((role) => `:actor[Russia]{role=${role}}`, ['perpetrator', 'other', 'source', 'victim', 'claimant'], true),
      },
      {
        doc: ':actor[Russia]{role=⟦instigator⟧}',
        message: 'role "instigator" is not one of perpetrator, victim, source, claimant, other.',
        fixes: changes((role) => `:actor[Russia]{role=${role}}`, ['perpetrator', 'victim', 'claimant', 'other', 'source'], false),
      },
      {
        doc: 'Shelling of :place[Idlib]{kind=⟦gov⟧}.',
        message: 'kind "gov" is not one of country, governorate, district, subdistrict, city, town, village, neighbourhood, camp, site; did you mean "governorate"?',
        fixes: changes(
          (kind) => `Shelling of :place[Idlib]{kind=${kind}}.`,
          ['governorate', 'town', 'city', 'camp', 'site', 'country', 'village', 'district', 'subdistrict', 'neighbourhood'],
          true,
        ),
      },
    ],
    pass: [':count[46]{type=killed precision=exact} by :actor[Russia]{role=perpetrator} in :place[Idlib]{kind=city}'],
  },
  check({ report, flag }) {
    for (const directive of ourDirectives(report)) {
      const enumerated = ENUMERATED_ATTRIBUTES[directive.kind];
      if (!enumerated) continue;
      for (const [name, values] of Object.entries(enumerated)) {
        const attribute = directive.attributes.get(name);
        if (!attribute || values.includes(attribute.value)) continue;
        const meant = meantValue(name, attribute.value, values);
        const ordered = byCloseness(attribute.value, values);
        flag({
          span: attribute.valueSpan.start === attribute.valueSpan.end ? attribute.span : attribute.valueSpan,
          message: `${name} "${attribute.value}" is not one of ${values.join(', ')}${meant ? `; did you mean "${meant}"?` : '.'}`,
          fixes: (meant ? [meant, ...ordered.filter((value) => value !== meant)] : ordered).map((value) =>
            setValueFix(report, `Change to "${value}"`, attribute, value, value === meant),
          ),
        });
      }
    }
  },
};
