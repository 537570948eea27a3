import { Document, isMap, isScalar, type Node } from 'yaml';

/**
 * YAML through the `yaml` package's Document API, so comments are real comment nodes and quoting is always right.
 * `commented(value, text)` wraps a value in a node carrying a comment line above it; `yamlText` renders a document
 * with a header comment.
 */
export function commented(value: unknown, comment: string, spaceBefore = false): Node {
  const node = new Document().createNode(value) as Node;
  node.commentBefore = prefix(comment);
  node.spaceBefore = spaceBefore;
  return node;
}

/** A sequence written in flow style (`[a, b]`), for short lists such as targets and group_by. */
export function flow(values: unknown[]): Node {
  const node = new Document().createNode(values) as Node & { flow?: boolean };
  node.flow = true;
  return node;
}

/** Renders `value` with a header comment; `keyComments` put a comment line above top-level keys. */
export function yamlText(header: string, value: unknown, keyComments: Record<string, string> = {}): string {
  const doc = new Document(value);
  doc.commentBefore = prefix(header);
  if (isMap(doc.contents)) {
    doc.contents.items.forEach((pair, i) => {
      const key = pair.key;
      if (isScalar(key)) {
        const comment = keyComments[String(key.value)];
        if (comment) {
          key.commentBefore = prefix(comment);
        }
        key.spaceBefore = i > 0;
      }
    });
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Comment lines get one space after `#`, as people write them. */
function prefix(comment: string): string {
  return comment
    .split('\n')
    .map((l) => (l ? ' ' + l : l))
    .join('\n');
}
