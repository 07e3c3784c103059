// The first-run / change-server page. Talks to the main process only through
// window.parleySetup (setup-preload); builds no HTML from strings.
import type { ParleySetupApi } from '../shared/desktop-api.js';
import { nextSetupStep } from './setup-flow.js';

declare global {
  interface Window {
    parleySetup: ParleySetupApi;
  }
}

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from setup.html`);
  return found as T;
}

const api = window.parleySetup;
const form = element<HTMLFormElement>('server-form');
const input = element<HTMLInputElement>('server-url');
const submit = element<HTMLButtonElement>('connect');
const cancel = element<HTMLButtonElement>('cancel');
const status = element<HTMLParagraphElement>('status');

// The address the person agreed to use without HTTPS; typing something else resets it.
let insecureConfirmedFor: string | null = null;

function show(message: string, tone: 'info' | 'error' | 'warning') {
  status.textContent = message;
  status.dataset.tone = tone;
}

function busy(on: boolean) {
  submit.disabled = on;
  input.readOnly = on;
}

input.addEventListener('input', () => {
  insecureConfirmedFor = null;
  submit.textContent = 'Connect';
  show('', 'info');
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void connect(input.value);
});

cancel.addEventListener('click', () => api.cancel());

async function connect(address: string) {
  busy(true);
  show('Checking the server…', 'info');
  try {
    const result = await api.checkServer(address);
    const step = nextSetupStep(result, result.ok && insecureConfirmedFor === result.origin);
    if (step.kind === 'show-error') {
      show(step.message, 'error');
      return;
    }
    if (step.kind === 'confirm-insecure' && result.ok) {
      insecureConfirmedFor = result.origin;
      submit.textContent = 'Connect anyway';
      show(step.message, 'warning');
      return;
    }
    show('Connecting…', 'info');
    const used = await api.useServer(address);
    // On success the main process closes this window; only failures come back here.
    if (!used.ok) show(used.message, 'error');
  } catch {
    show('Something went wrong. Please try again.', 'error');
  } finally {
    busy(false);
  }
}

void api.currentServer().then((current) => {
  if (current) {
    input.value = current;
    cancel.hidden = false;
  }
  input.focus();
  input.select();
});
