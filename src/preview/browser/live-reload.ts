/** Served pages only: reload when the server says the previews were rebuilt (serve.ts sends `rebuilt`). */
const source = new EventSource('/__preview/events');
source.addEventListener('rebuilt', () => location.reload());
