// GraphQL-over-HTTP conformance of a running Fanmail, with graphql-http's own audit.
//   cd backend/app/src/test/graphql-http-audit && npm install --no-audit --no-fund
//   FANMAIL_URL=http://127.0.0.1:8580 FANMAIL_ADMIN_PASSWORD=... node audit.mjs
// Signs in as FANMAIL_USERNAME (default admin), then audits /graphql sending the session cookie and
// the CSRF header Fanmail requires. Exits 1 when any MUST fails (error) or any SHOULD fails (warn);
// MAYs Fanmail chose not to do (GET queries) are listed as notices. GraphQLEdgeIT asserts the same
// SHOULDs in Java so the build checks them without Node.
import { auditServer } from 'graphql-http';

const base = (process.env.FANMAIL_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const username = process.env.FANMAIL_USERNAME ?? 'admin';
const password = process.env.FANMAIL_ADMIN_PASSWORD;
if (!password) {
  console.error('Set FANMAIL_ADMIN_PASSWORD (and FANMAIL_URL) to the running server\'s.');
  process.exit(2);
}

const signIn = await fetch(`${base}/api/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-fanmail-csrf': '1' },
  body: JSON.stringify({ username, password }),
});
if (signIn.status !== 200) {
  console.error(`Sign-in failed: ${signIn.status} ${await signIn.text()}`);
  process.exit(2);
}
const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

const results = await auditServer({
  url: `${base}/graphql`,
  fetchFn: (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', cookie);
    headers.set('x-fanmail-csrf', '1');
    return fetch(input, { ...init, headers });
  },
});

let failed = 0;
for (const r of results) {
  if (r.status === 'ok') {
    continue;
  }
  const line = `${r.status.toUpperCase()} ${r.id} ${r.name}: ${r.reason}`;
  if (r.status === 'notice') {
    console.log(line);
  } else {
    failed++;
    console.error(line);
  }
}
const ok = results.filter((r) => r.status === 'ok').length;
console.log(`${ok} of ${results.length} audits passed, ${failed} MUST/SHOULD failed.`);
process.exit(failed === 0 ? 0 : 1);
