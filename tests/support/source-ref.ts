import type { SourceRef } from '../../db/shared-types.ts';

/** A source as the queries give it, for tests of the pure rules: its label is the id in capitals. */
export function sourceRef(id: string): SourceRef {
  return {
    id,
    label: id.toUpperCase(),
    publisher: 'Publisher',
    title: `Title ${id}`,
    url: null,
    published: null,
    publishedNote: null,
    note: null,
    citedIn: null,
  };
}
