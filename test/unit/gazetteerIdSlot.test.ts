import { describe, expect, it } from 'vitest';
import { idSlotAt } from '../../server/src/core/languageFeatures/gazetteerCompletion.js';
import { stripMarkers } from '../helpers/markers.js';

/**
 * Where completion in a gazetteer file finds an id being written, read from the raw line (the file
 * may not parse while it is typed): ⟦…⟧ the whole value it replaces, ‸ the cursor.
 */
function slotAt(marked: string) {
  const { text, spans, cursors } = stripMarkers(marked);
  return { slot: idSlotAt(text, cursors[0]!), expectedSpan: spans[0] };
}

describe('the id being written in a gazetteer file', () => {
  it('is a place in an in: value, YAML or JSON, quoted or not, with the rest of the id after the cursor', () => {
    for (const marked of [
      'places:\n  - id: saraqib\n    in: ⟦idl‸ib-gov⟧\n',
      'places:\n  - id: saraqib\n    in: "⟦idl‸ib-gov⟧"\n',
      '{"places": [{"id": "saraqib", "in": "⟦idl‸ib-gov⟧"}]}',
      'places:\n  - {id: saraqib, in: ⟦idl‸ib-gov⟧}\n',
      // Up to the spaces before a comment.
      'places:\n  - id: saraqib\n    in: ⟦idl‸ib-gov⟧   # to check\n',
    ]) {
      const { slot, expectedSpan } = slotAt(marked);
      expect(slot, marked).toEqual({ category: 'place', typed: 'idl', span: expectedSpan });
    }
  });

  it('is a name with spaces while the writer looks a place up by it', () => {
    const { slot, expectedSpan } = slotAt('places:\n  - id: hospital\n    in: ⟦Kafr Nab‸⟧\n');
    expect(slot).toEqual({ category: 'place', typed: 'Kafr Nab', span: expectedSpan });
  });

  it('is an actor in a members item: after the last comma of a flow list (unclosed too), or in a block list under members:', () => {
    for (const marked of [
      'actors:\n  - id: coalition\n    members: [syrian-government, ⟦wa‸⟧\n',
      'actors:\n  - id: coalition\n    members: [syrian-government, ⟦wa‸gner⟧]\n',
      '{"actors": [{"id": "coalition", "members": ["syrian-government", "⟦wa‸⟧"]}]}',
      'actors:\n  - id: coalition\n    members:\n      - syrian-government\n\n      # and the contractors\n      - ⟦wa‸⟧\n',
      // The dash as indented as the key, as YAML allows.
      'actors:\n  - id: coalition\n    members:\n    - ⟦wa‸⟧\n',
    ]) {
      const { slot, expectedSpan } = slotAt(marked);
      expect(slot, marked).toEqual({ category: 'actor', typed: 'wa', span: expectedSpan });
    }
  });

  it('is nothing in a list of another key, an entry\u2019s own id or name, a kind, or past a members list', () => {
    for (const marked of [
      'actors:\n  - id: coalition\n    aliases:\n      - wa‸\n',
      'actors:\n  - id: coalition\n    members:\n      - a\n    aliases:\n      - wa‸\n',
      'actors:\n  - id: coa‸lition\n',
      'actors:\n  - id: coalition\n    name: Coa‸lition\n',
      'places:\n  - id: saraqib\n    kind: to‸wn\n',
      'actors:\n  - id: coalition\n    members: [a, b] ‸\n',
      'actors:\n  - id: coalition\n    members: [a]\n  - ‸\n',
      '‸',
    ]) {
      expect(slotAt(marked).slot, marked).toBeUndefined();
    }
  });
});
