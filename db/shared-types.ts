/** Result types shared by several areas of the contract. Types only. */
import type { PreciseDate } from './common/dates.ts';

export interface SourceRef {
  id: string;
  label: string;
  publisher: string;
  title: string;
  url: string | null;
  published: PreciseDate | null;
  publishedNote: string | null;
  note: string | null;
  /** The document through which this source is known. */
  citedIn: { id: string; label: string; publisher: string; title: string; url: string | null } | null;
}

/** A figure as a source states it. */
export interface SourcedFigure {
  value: number;
  unit: 'USD';
  source: SourceRef;
  note: string | null;
}

/** A figure computed by the app from sourced figures: never stored as a fact. */
export interface DerivedFigure {
  value: number;
  unit: 'USD';
  formula: string;
  sources: SourceRef[];
}

export interface EconomyRef {
  code: string;
  name: string;
}
