// `narrascope users|tokens|collections|audit`: accounts managed on the server's own machine. Whoever
// can run the CLI against the store can already read and write it, so these commands need no
// login; every change is audited as `cli:<os user>`.
import { Accounts, AccountsError, cliActor, usage } from '../../accounts/accounts.js';
import { isRole, parseDuration, type Role, type User } from '../../accounts/model.js';
import { passwordProblem } from '../../accounts/password.js';
import type { Store } from '../../store/store.js';
import { clip, out, withStore, type GlobalOptions } from '../common.js';

function roleArg(value: string): Role {
  if (!isRole(value)) throw usage(`a role is admin, analyst or viewer, not "${value}"`, value);
  return value;
}

/** Run with the store's accounts; refusals (taken names, short passwords) become CLI errors. */
async function withAccounts<T>(flags: GlobalOptions, fn: (accounts: Accounts, store: Store) => Promise<T>): Promise<T> {
  return withStore(flags, async (store) => {
    try {
      return await fn(Accounts.of(store), store);
    } catch (err) {
      if (err instanceof AccountsError) throw usage(err.message, err.input);
      throw err;
    }
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Read a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    let value = '';
    const finish = (err: Error | null): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (data: Buffer): void => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === '\u0003' || ch === '\u0004') return finish(usage('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/**
 * The new password: all of stdin with --password-stdin (one trailing newline dropped), else asked
 * twice on the terminal without echo.
 */
async function newPassword(flags: { passwordStdin?: boolean }): Promise<string> {
  if (flags.passwordStdin) {
    const text = (await readStdin()).replace(/\r?\n$/, '');
    const bad = passwordProblem(text);
    if (bad) throw usage(bad);
    return text;
  }
  if (!process.stdin.isTTY) throw usage('no terminal to ask for the password on: pipe it in with --password-stdin');
  for (let attempt = 0; attempt < 3; attempt++) {
    const first = await promptHidden('New password: ');
    const bad = passwordProblem(first);
    if (bad) {
      process.stderr.write(`${bad}\n`);
      continue;
    }
    if ((await promptHidden('Repeat it: ')) === first) return first;
    process.stderr.write('The two do not match; again.\n');
  }
  throw usage('no password set');
}

function userLine(u: User): string {
  const status = u.disabled ? 'disabled' : 'active';
  return `${clip(u.username, 24).padEnd(24)} ${u.role.padEnd(8)} ${status.padEnd(9)} ${u.lastLoginAt ? `last login ${u.lastLoginAt.slice(0, 16).replace('T', ' ')}` : 'never logged in'}${u.displayName ? `  (${clip(u.displayName, 40)})` : ''}`;
}

/** `narrascope users add NAME --role R [--display-name N] [--password-stdin]`. */
export async function runUsersAdd(name: string, flags: GlobalOptions & { role: string; displayName?: string; passwordStdin?: boolean }): Promise<number> {
  const role = roleArg(flags.role);
  const password = await newPassword(flags);
  return withAccounts(flags, async (accounts) => {
    const first = !(await accounts.active());
    const u = await accounts.createUser({ username: name, password, role, displayName: flags.displayName ?? null }, cliActor());
    await out(flags.json ? `${JSON.stringify(u)}\n` : `added ${u.username} (${u.role})\n`);
    if (first) process.stderr.write('This store now has user accounts: `narrascope serve` asks everyone to log in (the server token no longer applies).\n');
    if (first && role !== 'admin') process.stderr.write('Nobody can manage accounts over HTTP yet: add an admin too (--role admin).\n');
    return 0;
  });
}

/** `narrascope users list [--json]`: one JSON object per line with --json. */
export async function runUsersList(flags: GlobalOptions): Promise<number> {
  return withAccounts(flags, async (accounts) => {
    const users = await accounts.listUsers();
    for (const u of users) await out(flags.json ? `${JSON.stringify(u)}\n` : `${userLine(u)}\n`);
    if (!flags.json && users.length === 0) process.stderr.write('no users: the server is open to whoever holds its token (add one with `narrascope users add NAME --role admin`)\n');
    return 0;
  });
}

/** `narrascope users role NAME ROLE`. */
export async function runUsersRole(name: string, role: string, flags: GlobalOptions): Promise<number> {
  const r = roleArg(role);
  return withAccounts(flags, async (accounts) => {
    const u = await accounts.setRole(name, r, cliActor());
    await out(flags.json ? `${JSON.stringify(u)}\n` : `${u.username} is now ${u.role}\n`);
    return 0;
  });
}

/** `narrascope users disable|enable NAME`. */
export async function runUsersDisable(name: string, disabled: boolean, flags: GlobalOptions): Promise<number> {
  return withAccounts(flags, async (accounts) => {
    const u = await accounts.setDisabled(name, disabled, cliActor());
    await out(flags.json ? `${JSON.stringify(u)}\n` : `${u.username} is ${disabled ? 'disabled: their sessions ended and their tokens stopped working' : 'enabled again'}\n`);
    return 0;
  });
}

/** `narrascope users passwd NAME [--password-stdin]`. */
export async function runUsersPasswd(name: string, flags: GlobalOptions & { passwordStdin?: boolean }): Promise<number> {
  return withAccounts(flags, async (accounts) => {
    if (!(await accounts.getUser(name))) throw usage(`no user "${name}"`, name);
    await accounts.setPassword(name, await newPassword(flags), cliActor());
    await out(`password of ${name} changed; their sessions ended\n`);
    return 0;
  });
}

/** `narrascope tokens create --user NAME --name LABEL [--role R] [--expires 90d]`: prints the secret once. */
export async function runTokensCreate(flags: GlobalOptions & { user: string; name: string; role?: string; expires?: string }): Promise<number> {
  const role = flags.role !== undefined ? roleArg(flags.role) : undefined;
  let expiresInMs: number | null = null;
  if (flags.expires !== undefined && flags.expires !== 'never') {
    expiresInMs = parseDuration(flags.expires);
    if (expiresInMs === null) throw usage('--expires takes a duration such as 90d, 12h, 4w or 1y (or never)', flags.expires);
  }
  return withAccounts(flags, async (accounts) => {
    const { token, secret } = await accounts.createToken({ username: flags.user, name: flags.name, ...(role ? { role } : {}), expiresInMs }, cliActor());
    if (flags.json) await out(`${JSON.stringify({ ...token, secret })}\n`);
    else {
      await out(`${secret}\n`);
      process.stderr.write(`token ${token.id} "${token.name}" for ${token.username} (${token.role}${token.expiresAt ? `, expires ${token.expiresAt}` : ', no expiry'}).\nThis is the only time it is shown: send it as Authorization: Bearer <token>.\n`);
    }
    return 0;
  });
}

/** `narrascope tokens list [--json]`. */
export async function runTokensList(flags: GlobalOptions): Promise<number> {
  return withAccounts(flags, async (accounts) => {
    const now = Date.now();
    for (const t of await accounts.listTokens()) {
      const state = t.revokedAt ? 'revoked' : t.expiresAt && Date.parse(t.expiresAt) <= now ? 'expired' : 'live';
      await out(
        flags.json
          ? `${JSON.stringify({ ...t, state })}\n`
          : `${t.id.padEnd(16)} ${clip(t.username, 16).padEnd(16)} ${t.role.padEnd(8)} ${state.padEnd(8)} ${clip(t.name, 30).padEnd(30)} ${t.lastUsedAt ? `used ${t.lastUsedAt.slice(0, 16).replace('T', ' ')}` : 'never used'}\n`,
      );
    }
    return 0;
  });
}

/** `narrascope tokens revoke ID`. */
export async function runTokensRevoke(id: string, flags: GlobalOptions): Promise<number> {
  return withAccounts(flags, async (accounts) => {
    await accounts.revokeToken(id, cliActor());
    await out(`token ${id} revoked\n`);
    return 0;
  });
}

async function sourceIds(store: Store, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const n of names) {
    const s = await store.getSource(n);
    if (!s) {
      const known = (await store.listSourceRecords()).map((x) => x.name);
      throw usage(`unknown source; known sources: ${known.join(', ') || '(none yet)'}`, n);
    }
    ids.push(s.id);
  }
  return ids;
}

/** `narrascope collections add NAME --source S…`: creates the collection, or adds sources to it. */
export async function runCollectionsAdd(name: string, flags: GlobalOptions & { source?: string[]; description?: string }): Promise<number> {
  return withAccounts(flags, async (accounts, store) => {
    const ids = await sourceIds(store, flags.source ?? []);
    const existing = await accounts.getCollection(name);
    const c = existing ? await accounts.addSources(name, ids, cliActor()) : await accounts.createCollection({ name, sourceIds: ids, description: flags.description ?? null }, cliActor());
    await out(flags.json ? `${JSON.stringify(c)}\n` : `${existing ? 'updated' : 'created'} collection "${c.name}" with ${c.sourceIds.length} source(s)\n`);
    return 0;
  });
}

/** `narrascope collections share NAME --user U --role R`. */
export async function runCollectionsShare(name: string, flags: GlobalOptions & { user: string; role: string }): Promise<number> {
  const role = roleArg(flags.role);
  return withAccounts(flags, async (accounts) => {
    const c = await accounts.share(name, flags.user, role, cliActor());
    await out(flags.json ? `${JSON.stringify(c)}\n` : `"${c.name}" shared with ${flags.user} as ${role}\n`);
    return 0;
  });
}

/** `narrascope collections list [--json]`. */
export async function runCollectionsList(flags: GlobalOptions): Promise<number> {
  return withAccounts(flags, async (accounts, store) => {
    const names = new Map((await store.listSourceRecords()).map((s) => [s.id, s.name]));
    for (const c of await accounts.listCollections()) {
      const sources = c.sourceIds.map((id) => names.get(id) ?? id);
      await out(
        flags.json
          ? `${JSON.stringify({ ...c, sources })}\n`
          : `${clip(c.name, 24).padEnd(24)} sources: ${sources.join(', ') || '(none)'}; members: ${c.members.map((m) => `${m.username} (${m.role})`).join(', ') || '(none)'}\n`,
      );
    }
    return 0;
  });
}

/** `narrascope audit [--limit N] [--action A] [--actor X] [--json]`: newest first. */
export async function runAudit(flags: GlobalOptions & { limit?: number; action?: string; actor?: string }): Promise<number> {
  return withAccounts(flags, async (accounts) => {
    const entries = await accounts.listAudit({ limit: flags.limit ?? 50, ...(flags.action ? { action: flags.action } : {}), ...(flags.actor ? { actor: flags.actor } : {}) });
    for (const e of entries) {
      const who = e.actorKind === 'token' ? `${e.actor} (token ${e.tokenId ?? '?'})` : e.actor;
      const details = Object.keys(e.details).length > 0 ? ` ${JSON.stringify(e.details)}` : '';
      await out(flags.json ? `${JSON.stringify(e)}\n` : `${e.at.slice(0, 19).replace('T', ' ')}  ${clip(who, 28).padEnd(28)} ${e.action.padEnd(24)} ${e.target ?? ''}${details}${e.address ? `  from ${e.address}` : ''}\n`);
    }
    return 0;
  });
}
