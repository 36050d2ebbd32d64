/**
 * Limits on the YAML that this tool reads (report front matter, gazetteers, .incident-markup.yaml),
 * checked before the `yaml` package sees the text, so that a hostile file ends in a problem with a
 * place and a message instead of a hang or a crash of the process. Measured with yaml 2.9.1 on
 * Node 20 (2 cores, loaded): block sequences nested by indentation 500 deep parse in 0.2 s, 1,000
 * deep abort the process (V8 runs out of memory compiling a regular expression, which no `try`
 * catches); `- - - …` 1,000 deep on one line and flow collections `[[[…]]]` 1,000 deep end in
 * "Maximum call stack size exceeded" errors. Aliases are expanded by `toJS` up to
 * `maxAliasCount` (100 by default), beyond which it throws a ReferenceError (an alias bomb).
 */

/** How deep a YAML file may nest, counted in columns of indentation plus two per `- ` on a line, and in open flow brackets. */
export const YAML_MAX_NESTING = 256;

/** What `toJS` may expand: yaml's own default, stated so that every reader uses the same. */
export const YAML_MAX_ALIAS_COUNT = 100;

export interface YamlLimitProblem {
  message: string;
  /** Where in the YAML text the limit is passed: the start of the line, or the bracket. */
  offset: number;
}

/**
 * The first place where `text` nests deeper than YAML_MAX_NESTING, in one pass over it; undefined
 * when it does not. Brackets inside quotes and comments are counted too: balanced, as they are in
 * prose (`title: "[draft]"`), they never add up.
 */
export function yamlNestingProblem(text: string): YamlLimitProblem | undefined {
  let flowDepth = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let index = lineStart;
    while (text.charCodeAt(index) === 32 /* space */) index++;
    let columns = index - lineStart;
    // `- - - x`: each item marker on the line opens one more sequence.
    while (text.charCodeAt(index) === 45 /* - */ && (text.charCodeAt(index + 1) === 32 || text.charCodeAt(index + 1) === 9)) {
      columns += 2;
      index += 2;
    }
    if (columns > YAML_MAX_NESTING) {
      return { message: `nests ${columns} levels deep (indentation and \`- \` items)`, offset: lineStart };
    }
    let end = index;
    for (; end < text.length; end++) {
      const code = text.charCodeAt(end);
      if (code === 10 || code === 13) break;
      if (code === 91 /* [ */ || code === 123 /* { */) {
        if (++flowDepth > YAML_MAX_NESTING) return { message: `nests brackets more than ${YAML_MAX_NESTING} deep`, offset: end };
      } else if ((code === 93 /* ] */ || code === 125) /* } */ && flowDepth > 0) flowDepth--;
    }
    lineStart = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return undefined;
}

/** What an alias bomb's ReferenceError, or another error of `toJS`, says, for a problem's message. */
export function yamlExpansionMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /alias/i.test(message)
    ? `its aliases (\`*name\`) expand to more than ${YAML_MAX_ALIAS_COUNT} copies`
    : message.split('\n')[0]!;
}
