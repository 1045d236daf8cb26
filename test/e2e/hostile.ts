/**
 * The XSS corpus: a notebook whose title, Markdown, result values and column names try to run script.
 * Shared by the snapshot suite and the red-team suite; `host` stands for a foreign host (the red team
 * points it at its listener, so a request that slipped through would be counted).
 */
export function hostileNotebook(host: string): string {
  return [
    '---',
    'title: <img src=x onerror=window.__pwned=1> XSS check',
    '---',
    '',
    '# Hostile text <script>window.__pwned=2</script>',
    '',
    '<img src=x onerror="window.__pwned=3">',
    '<svg><script>window.__pwned=4</script></svg>',
    '<iframe srcdoc="<script>parent.__pwned=5</script>"></iframe>',
    '[click](javascript:window.__pwned=6) <a href="javascript:window.__pwned=7">js link</a>',
    '<div onmouseover="window.__pwned=8">hover me</div>',
    `<form action="${host}/form"><button>Submit</button></form>`,
    `<img src="${host}/track.png">`,
    '`${window.__pwned=9}` and \u2028 </script><script>window.__pwned=18</script>',
    '',
    '```sql hostile',
    'SELECT * FROM (VALUES',
    "  ('<img src=x onerror=window.__pwned=10>', '</script><script>window.__pwned=11</script>'),",
    "  ('\"onload=\"window.__pwned=12', 'javascript:window.__pwned=13'),",
    "  ('${window.__pwned=14}', '<!--<script>window.__pwned=15</script>-->')",
    ') AS t("<svg onload=window.__pwned=16>", "b</script>")',
    '```',
    '',
    '```sql partner',
    "SELECT 'P0001' AS partner_id, '<img src=x onerror=window.__pwned=17>' AS name",
    '```',
    '',
  ].join('\n');
}
