// Accounts end to end: the real CLI adds users (password on stdin), makes an API token and lists
// users as JSON; the token then opens the API of a server over the same store, and the actions
// are in the audit log under the OS user that ran the CLI.
import { mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/server/app.js';
import { openStore } from '../src/store/index.js';
import { cli, jsonl, tempDir } from './cli-helpers.js';

const POSTS = [
  { title: 'Ferry strike ends', date: '2024-04-02', text: 'The ferry crews returned to work after the harbour board agreed to a new rota for the winter months.' },
  { title: 'Port lease vote', date: '2024-04-09', text: 'The council postponed the vote on the port lease again, citing missing figures from the operator.' },
];

describe('accounts through the CLI', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db = '';

  beforeAll(() => {
    tmp = tempDir('narrascope-accounts-e2e-');
    db = join(tmp.dir, 'desk.db');
    mkdirSync(join(tmp.dir, 'harbour-news'));
    writeFileSync(join(tmp.dir, 'harbour-news', 'posts.jsonl'), `${POSTS.map((p) => JSON.stringify(p)).join('\n')}\n`);
    expect(cli(db, ['ingest', join(tmp.dir, 'harbour-news')]).code).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  it('adds users, makes a token that opens the API, lists users as JSON and audits it all', async () => {
    const admin = cli(db, ['users', 'add', 'editor.kim', '--role', 'admin', '--display-name', 'Kim Editor', '--password-stdin'], { input: 'lantern-over-the-harbour\n' });
    expect(admin.code, admin.stderr).toBe(0);
    expect(admin.stdout).toBe('added editor.kim (admin)\n');
    expect(admin.stderr).toMatch(/now has user accounts/);
    expect(cli(db, ['users', 'add', 'reader', '--role', 'viewer', '--password-stdin'], { input: 'quiet-reader-of-wires\n' }).code).toBe(0);

    const short = cli(db, ['users', 'add', 'weak', '--role', 'viewer', '--password-stdin'], { input: 'tooshort\n' });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/at least 12 characters/);
    const taken = cli(db, ['users', 'add', 'READER', '--role', 'viewer', '--password-stdin'], { input: 'another-long-password\n' });
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/already exists/);

    const token = cli(db, ['tokens', 'create', '--user', 'reader', '--name', 'wall dashboard', '--expires', '90d']);
    expect(token.code, token.stderr).toBe(0);
    const secret = token.stdout.trim();
    expect(secret).toMatch(/^ns_[A-Za-z0-9_-]{43}$/);
    expect(token.stderr).toMatch(/only time it is shown/);
    const tooStrong = cli(db, ['tokens', 'create', '--user', 'reader', '--name', 'sneaky', '--role', 'admin']);
    expect(tooStrong.code).toBe(2);

    const users = cli(db, ['users', 'list', '--json']);
    expect(users.code).toBe(0);
    const rows = jsonl<{ username: string; role: string; displayName: string | null; disabled: boolean }>(users.stdout);
    expect(rows.map((u) => [u.username, u.role, u.displayName, u.disabled])).toEqual([
      ['editor.kim', 'admin', 'Kim Editor', false],
      ['reader', 'viewer', null, false],
    ]);
    expect(users.stdout).not.toContain('scrypt');

    const listed = jsonl<{ id: string; username: string; state: string; lastUsedAt: string | null }>(cli(db, ['tokens', 'list', '--json']).stdout);
    expect(listed).toEqual([expect.objectContaining({ username: 'reader', state: 'live', lastUsedAt: null })]);

    // A server over the same store: the token reads, but may not review or manage accounts.
    const store = await openStore(db);
    const app = await buildServer({ store });
    try {
      const auth = { authorization: `Bearer ${secret}` };
      const items = await app.inject({ url: '/api/items', headers: auth });
      expect(items.statusCode).toBe(200);
      expect(items.json<{ total: number }>().total).toBe(2);
      expect((await app.inject({ url: '/api/items' })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/users', headers: auth })).statusCode).toBe(403);
    } finally {
      await app.close();
      await store.close();
    }
    const after = jsonl<{ lastUsedAt: string | null }>(cli(db, ['tokens', 'list', '--json']).stdout);
    expect(after[0]?.lastUsedAt).not.toBeNull();

    expect(cli(db, ['tokens', 'revoke', listed[0]?.id ?? '']).code).toBe(0);
    const audit = jsonl<{ actor: string; action: string; target: string }>(cli(db, ['audit', '--json']).stdout);
    expect(audit.map((e) => e.action)).toEqual(['token.revoke', 'token.create', 'user.create', 'user.create']);
    expect(new Set(audit.map((e) => e.actor))).toEqual(new Set([`cli:${userInfo().username}`]));
  });
});
