// An agent platform sending the work items its agent handled to Workledger (POST /v1/items).
// Run: WORKLEDGER_URL=http://127.0.0.1:8080 WORKLEDGER_KEY=wl_… node send-items.js (after tsc).
const url = process.env.WORKLEDGER_URL ?? 'http://127.0.0.1:8080';
const key = process.env.WORKLEDGER_KEY ?? '';

const items = [
  {
    source: 'helpdesk-bot', // the system that knows the item, with its id there: the item's key
    external_id: 'conv-1001',
    handled_by: 'helpdesk-bot', // the agent (configured with PUT /v1/agents/helpdesk-bot)
    workflow: 'it-helpdesk',
    category: 'Category 26',
    priority: 3,
    opened_at: '2026-11-03T09:12:00Z',
    resolved_at: '2026-11-03T09:16:30Z',
  },
];

const response = await fetch(`${url}/v1/items`, {
  method: 'POST',
  headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  body: JSON.stringify({ items }),
});
console.log(response.status, JSON.stringify(await response.json()));
