// The chat's REST calls the stress scripts need (churn.mjs, fuzz.mjs): sign-up, tokens, sign-in, rooms.
// Needs the server's sign-up on (the bench targets start it so).
export const PASSWORD = 'churn-password-0';

export function chatApi(url) {
  const base = url.replace(/\/$/, ''); // paths below start with /
  async function api(path, { body, token, cookie, method } = {}) {
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (cookie) headers.Cookie = cookie;
    const res = await fetch(base + path, { method: method || (body ? 'POST' : 'GET'), headers, body: body && JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null, cookie: (res.headers.get('set-cookie') || '').split(';')[0] };
  }

  async function token(username, password = PASSWORD) {
    const r = await api('/api/auth/token', { body: { username, password } });
    if (r.status !== 200) throw new Error(`token for ${username}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json.token;
  }

  return {
    api,
    token,
    async login(username) {
      const r = await api('/api/auth/login', { body: { username, password: PASSWORD } });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
      return r.cookie;
    },
    /** Users churn-0..n-1 (signed up unless they exist), each with a token. */
    async users(n) {
      const users = [];
      for (let u = 0; u < n; u++) {
        const name = `churn-${u}`;
        await api('/api/auth/signup', { body: { username: name, password: PASSWORD } });
        users.push({ name, token: await token(name) });
      }
      return users;
    },
    /** Public rooms churn-0..n-1, created by the holder of ownerToken unless they exist: their ids. */
    async rooms(n, ownerToken) {
      const ids = [];
      for (let r = 0; r < n; r++) {
        const list = (await api('/api/rooms', { token: ownerToken })).json;
        const found = list.find((x) => x.name === `churn-${r}`);
        ids.push(found ? found.id : (await api('/api/rooms', { token: ownerToken, body: { name: `churn-${r}`, visibility: 'public' } })).json.id);
      }
      return ids;
    },
  };
}
