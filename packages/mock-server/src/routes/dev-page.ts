/**
 * The inbox as a page (`GET /__dev/`): the codes the mock "sent", newest first, refreshed every
 * two seconds. Self-contained, and it only ever writes text nodes, so an odd email cannot inject markup.
 */
export const devPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verifik mock · inbox</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.25rem; margin-bottom: 0.25rem; }
  p.hint { color: GrayText; margin-top: 0; }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid color-mix(in srgb, currentColor 15%, transparent); }
  th { font-weight: 600; font-size: 0.85rem; }
  td.otp { font: 600 1.25rem ui-monospace, monospace; letter-spacing: 0.15em; }
  tr.expired td { opacity: 0.45; }
  tr.expired td.otp { text-decoration: line-through; }
  #empty { color: GrayText; }
</style>
</head>
<body>
<h1>Verifik mock · inbox</h1>
<p class="hint">Codes sent by the mock server, newest first. Refreshes every 2 seconds.</p>
<table>
  <thead><tr><th>To</th><th>Via</th><th>Code</th><th>Sent</th><th>Expires</th></tr></thead>
  <tbody id="messages"></tbody>
</table>
<p id="empty">No codes sent yet.</p>
<script>
  const tbody = document.getElementById('messages');
  const empty = document.getElementById('empty');
  const time = (iso) => new Date(iso).toLocaleTimeString();
  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }
  async function refresh() {
    try {
      const response = await fetch('inbox', { cache: 'no-store' });
      const { messages } = await response.json();
      const rows = messages.slice().reverse().map((m) => {
        const tr = document.createElement('tr');
        if (Date.parse(m.expiresAt) <= Date.now()) tr.className = 'expired';
        const to = m.method === 'phone' ? m.countryCode + ' ' + m.phone : m.email;
        tr.append(cell(to), cell(m.gateway ?? 'email'), cell(m.otp, 'otp'), cell(time(m.sentAt)), cell(time(m.expiresAt)));
        return tr;
      });
      tbody.replaceChildren(...rows);
      empty.hidden = rows.length > 0;
    } catch {
      empty.textContent = 'The mock server is not answering.';
      empty.hidden = false;
    }
  }
  refresh();
  setInterval(refresh, 2000);
</script>
</body>
</html>
`;
