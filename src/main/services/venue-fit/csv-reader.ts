import { closeSync, openSync, readSync } from 'node:fs';

// A small streaming CSV reader (RFC 4180 plus what spreadsheets really write): quoted fields with ""
// escapes and line breaks inside, LF / CRLF / CR line ends, byte-order marks. It is synchronous and
// fed chunk by chunk, so a 50 MB file is read 1 MiB at a time and can be written inside one SQLite
// transaction (better-sqlite3 transactions cannot span an await). Each record carries the line where
// it starts, for error messages that point at the right line of the file.

export interface CsvRecord {
  fields: string[];
  /** 1-based line of the file where the record starts. */
  line: number;
}

export const CSV_DELIMITERS = [';', ',', '\t'] as const;
export type Delimiter = (typeof CSV_DELIMITERS)[number];

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

export class UnterminatedQuoteError extends Error {
  constructor(readonly line: number) {
    super(`Unterminated quoted field starting on line ${line}`);
  }
}

export class CsvReader {
  private readonly delimiterCode: number;
  private field = '';
  private fields: string[] = [];
  private inQuotes = false;
  /** Inside a quoted field, a quote was just read: either the closing quote or the first of "". */
  private quotePending = false;
  private fieldQuoted = false;
  private lastWasCR = false;
  private line = 1;
  private recordLine = 1;

  constructor(delimiter: Delimiter) {
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** Parses a chunk; complete records go to `emit` (the last, unfinished one waits for more). */
  push(text: string, emit: (record: CsvRecord) => void): void {
    const n = text.length;
    let start = 0; // start of the pending plain slice of the current field
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      const afterCR = this.lastWasCR;
      this.lastWasCR = c === CR;
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === QUOTE) {
            // "" inside quotes: one literal quote; the slice restarts at this second quote.
            start = i;
            continue;
          }
          this.inQuotes = false; // that quote closed the field; c is handled as unquoted below
          start = i;
        } else {
          if (c === QUOTE) {
            this.field += text.slice(start, i);
            this.quotePending = true;
            start = i + 1;
          } else if (c === LF) {
            if (!afterCR) this.line++;
          } else if (c === CR) {
            this.line++;
          }
          continue;
        }
      }
      if (c === this.delimiterCode) {
        this.field += text.slice(start, i);
        this.fields.push(this.fieldQuoted ? this.field.replace(/\r\n?/g, '\n') : this.field);
        this.field = '';
        this.fieldQuoted = false;
        start = i + 1;
      } else if (c === LF || c === CR) {
        if (c === LF && afterCR) {
          start = i + 1; // the LF of a CRLF: the record already ended at the CR
          continue;
        }
        this.field += text.slice(start, i);
        this.endRecord(emit);
        this.line++;
        this.recordLine = this.line;
        start = i + 1;
      } else if (c === QUOTE && !this.fieldQuoted && this.field === '' && start === i) {
        this.inQuotes = true;
        this.fieldQuoted = true;
        start = i + 1;
      }
      // Any other character (a stray quote in an unquoted field included) is kept as it is.
    }
    if (!this.quotePending) this.field += text.slice(start);
  }

  /** Flushes the last record; throws when the file ends inside a quoted field. */
  end(emit: (record: CsvRecord) => void): void {
    if (this.inQuotes && !this.quotePending) throw new UnterminatedQuoteError(this.recordLine);
    this.inQuotes = false;
    this.quotePending = false;
    if (this.fields.length > 0 || this.field !== '' || this.fieldQuoted) this.endRecord(emit);
  }

  private endRecord(emit: (record: CsvRecord) => void): void {
    this.fields.push(this.fieldQuoted ? this.field.replace(/\r\n?/g, '\n') : this.field);
    const blank = this.fields.length === 1 && this.fields[0] === '' && !this.fieldQuoted;
    if (!blank) emit({ fields: this.fields, line: this.recordLine });
    this.fields = [];
    this.field = '';
    this.fieldQuoted = false;
  }
}

/** The first line of a text (up to a line break outside quotes). */
export function firstLine(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) return text.slice(0, i);
  }
  return text;
}

/** How often each candidate separator occurs outside quotes in a line. */
export function countDelimiters(line: string): Record<Delimiter, number> {
  const counts: Record<Delimiter, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ';' || c === ',' || c === '\t')) counts[c]++;
  }
  return counts;
}

/** The separator used most in the header line (ties: ';' then ',' then tab); null when none occurs. */
export function detectDelimiter(header: string): Delimiter | null {
  const counts = countDelimiters(header);
  let best: Delimiter | null = null;
  for (const d of CSV_DELIMITERS) if (counts[d] > 0 && (best === null || counts[d] > counts[best])) best = d;
  return best;
}

export type TextEncodingName = 'utf-8' | 'windows-1252';

/**
 * A text source read in chunks. UTF-8 unless the first MiB is not valid UTF-8, in which case it is
 * taken as Windows-1252 (what Excel on Windows writes for "CSV (séparateur : point-virgule)").
 * Byte-order marks at the start (some files carry two) are dropped.
 */
export interface TextChunks {
  encoding: TextEncodingName;
  /** The first chunk (to detect the separator), then the rest through `rest()`. */
  first: string;
  rest(): Iterable<string>;
}

const CHUNK_BYTES = 1024 * 1024;

export function textChunks(text: string): TextChunks {
  return { encoding: 'utf-8', first: text.replace(/^\uFEFF+/, ''), rest: () => [] };
}

export function fileChunks(path: string): TextChunks {
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let closed = false;
  const close = () => {
    if (!closed) closeSync(fd);
    closed = true;
  };
  try {
    const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
    const head = buffer.subarray(0, n);
    let encoding: TextEncodingName = 'utf-8';
    try {
      // stream: true tolerates a character cut at the end of the chunk.
      new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    } catch {
      encoding = 'windows-1252';
    }
    const decoder = new TextDecoder(encoding);
    const first = decoder.decode(head, { stream: n === CHUNK_BYTES }).replace(/^\uFEFF+/, '');
    if (n < CHUNK_BYTES) close();
    return {
      encoding,
      first,
      *rest() {
        try {
          while (!closed) {
            const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
            if (read === 0) {
              const tail = decoder.decode();
              if (tail) yield tail;
              break;
            }
            yield decoder.decode(buffer.subarray(0, read), { stream: true });
          }
        } finally {
          close();
        }
      },
    };
  } catch (error) {
    close();
    throw error;
  }
}

/** Quotes a value when it holds the separator, a quote, a line break or edge spaces. */
export function csvCell(value: string, delimiter: Delimiter): string {
  if (value === '') return '';
  const needs =
    value.includes(delimiter) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r') ||
    value !== value.trim();
  return needs ? `"${value.replace(/"/g, '""')}"` : value;
}
