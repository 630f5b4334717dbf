// Turns what the user typed (files, directories, globs, "-") into a list of files to ingest,
// reporting paths that do not exist, symlink loops and unreadable entries instead of failing.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';

export interface InputFile {
  /** Absolute path, or "-" for standard input. */
  path: string;
  /** Name shown in messages: the path as the user would recognise it. */
  display: string;
  /** Source name derived from the layout (the first folder under a given directory, else the parent folder). */
  sourceName: string;
  /** Stable key of the origin within its source. */
  originKey: string;
  size: number;
}

export interface InputProblem {
  input: string;
  reason: string;
}

/**
 * Files are listed in a stable order so that runs are reproducible. `exclude` names files never to
 * ingest, such as the store itself when it sits inside an input folder.
 */
export function resolveInputs(
  inputs: string[],
  cwd = process.cwd(),
  exclude: readonly string[] = [],
): { files: InputFile[]; problems: InputProblem[] } {
  const files: InputFile[] = [];
  const problems: InputProblem[] = [];
  const seenFiles = new Set<string>();
  const excluded = new Set(exclude.map((p) => resolve(cwd, p)));

  const addFile = (abs: string, display: string, sourceName: string, originKey: string, size: number): void => {
    if (excluded.has(abs)) return;
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      real = abs;
    }
    if (seenFiles.has(real) || excluded.has(real)) return;
    seenFiles.add(real);
    files.push({ path: abs, display, sourceName, originKey, size });
  };

  for (const input of inputs) {
    if (input === '-') {
      files.push({ path: '-', display: 'standard input', sourceName: 'stdin', originKey: 'stdin', size: 0 });
      continue;
    }
    const abs = resolve(cwd, input);
    let st;
    try {
      st = statSync(abs);
    } catch (err) {
      if (isDynamicPattern(input)) {
        const matches = globSync(input, { cwd, absolute: true, onlyFiles: true, dot: false }).sort();
        if (matches.length === 0) problems.push({ input, reason: 'the pattern matches no files' });
        for (const m of matches) {
          const s = safeStat(m);
          if (s) addFile(m, relative(cwd, m) || m, parentName(m), relative(cwd, m), s.size);
        }
        continue;
      }
      problems.push({ input, reason: describeStatError(err) });
      continue;
    }
    if (st.isDirectory()) {
      walk(abs, abs, input, new Set<string>(), files, problems, addFile);
    } else if (st.isFile()) {
      addFile(abs, input, parentName(abs), basename(abs), st.size);
    } else {
      problems.push({ input, reason: 'not a regular file or directory' });
    }
  }
  return { files, problems };
}

function walk(
  root: string,
  dir: string,
  rootDisplay: string,
  visiting: Set<string>,
  files: InputFile[],
  problems: InputProblem[],
  addFile: (abs: string, display: string, sourceName: string, originKey: string, size: number) => void,
): void {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch (err) {
    problems.push({ input: display(root, dir, rootDisplay), reason: describeStatError(err) });
    return;
  }
  if (visiting.has(real)) {
    problems.push({ input: display(root, dir, rootDisplay), reason: 'symlink loop: this folder links back to one of its parents; skipped' });
    return;
  }
  visiting.add(real);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (err) {
    problems.push({ input: display(root, dir, rootDisplay), reason: describeStatError(err) });
    visiting.delete(real);
    return;
  }
  for (const entry of entries) {
    // Hidden files are editor and OS debris (.DS_Store, .git), never scraped material.
    if (entry.name.startsWith('.')) continue;
    const abs = resolve(dir, entry.name);
    let st;
    try {
      st = statSync(abs);
    } catch (err) {
      problems.push({ input: display(root, abs, rootDisplay), reason: describeStatError(err) });
      continue;
    }
    if (st.isDirectory()) {
      walk(root, abs, rootDisplay, visiting, files, problems, addFile);
    } else if (st.isFile()) {
      const rel = relative(root, abs);
      const first = rel.split(sep)[0] ?? rel;
      const sourceName = rel.includes(sep) ? first : basename(root);
      const originKey = rel.includes(sep) ? rel.slice(first.length + 1) : rel;
      addFile(abs, display(root, abs, rootDisplay), sourceName, originKey.split(sep).join('/'), st.size);
    }
  }
  visiting.delete(real);
}

function display(root: string, abs: string, rootDisplay: string): string {
  const rel = relative(root, abs);
  return rel ? `${rootDisplay.replace(/[/\\]+$/, '')}/${rel.split(sep).join('/')}` : rootDisplay;
}

function parentName(abs: string): string {
  return basename(dirname(abs)) || 'files';
}

function safeStat(p: string): { size: number } | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

function describeStatError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symlink loop: the link points back to itself';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
