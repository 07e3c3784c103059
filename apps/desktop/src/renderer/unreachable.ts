// Shown in the app window while the server cannot be reached. The main process retries by
// itself; "Try now" navigates to the server, which the navigation policy allows (same origin).
function text(id: string, value: string) {
  const found = document.getElementById(id);
  if (found) found.textContent = value;
}

const params = new URLSearchParams(window.location.search);
const server = params.get('server') ?? '';
text('server', server || 'your Parley server');
text('error', params.get('error') ?? '');

document.getElementById('retry')?.addEventListener('click', () => {
  if (/^https?:\/\//.test(server)) window.location.assign(`${server}/`);
});
