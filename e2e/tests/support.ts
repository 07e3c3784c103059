import { expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';

/** The demo users' password, as the launcher was started with (playwright.config.ts). */
export const DEMO_PASSWORD = process.env.PARLEY_E2E_DEMO_PASSWORD ?? 'e2e-demo-password';
/** The admin's password, as the launcher was started with (playwright.config.ts). */
export const ADMIN_PASSWORD = process.env.PARLEY_E2E_ADMIN_PASSWORD ?? 'e2e-admin-password';

/** Signs in through the form and waits for the chat screen to be online. */
export async function signIn(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in/');
  // By test id: the form's words follow the browser's language.
  await page.getByTestId('sign-in-login').fill(login);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/chat\/?/);
  await expectOnline(page);
}

/** Waits until the client is connected and synced. */
export async function expectOnline(page: Page): Promise<void> {
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'online');
}

/** The open conversation's messages with the given text. */
export function messageWithText(page: Page, text: string) {
  return page
    .getByTestId('conversation-pane')
    .getByTestId('message')
    .filter({ has: page.getByTestId('message-text').getByText(text, { exact: true }) });
}

/** Saves a screenshot as a test artifact. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** The conversation list entry with exactly this title (a preview may mention anyone). */
export function conversationItem(page: Page, title: string) {
  return page.locator(`[data-testid="conversation-item"][data-title="${title}"]`);
}

/** The login-server of the stack playwright.config.ts starts (web port + 1), for SDK clients. */
export const LOGIN_URL = `http://127.0.0.1:${Number(process.env.PARLEY_E2E_PORT_BASE ?? 4100) + 1}`;

/** Signs in as the admin and opens an admin page (path under /admin/, e.g. 'people/'). */
export async function openAdmin(page: Page, path = ''): Promise<void> {
  await signIn(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`/admin/${path}`);
  await expect(page.getByTestId('admin-screen')).toBeVisible();
}

/**
 * The browser tab's unread count: "(3) Parley" -> 3, "Parley" -> 0.
 *
 * @example
 * const before = await titleCount(page);
 */
export async function titleCount(page: Page): Promise<number> {
  const match = /^\((\d+)\)/.exec(await page.title());
  return match ? Number(match[1]) : 0;
}

/**
 * Calls the login-server's admin API as the seeded administrator (JSON): returns a function
 * that POSTs a body to a path and answers the parsed response, failing the test on an error.
 */
export async function asAdmin(request: APIRequestContext) {
  const { loginUrl } = (await (await request.get('/config.json')).json()) as { loginUrl: string };
  const signedIn = await request.post(`${loginUrl}/v1/auth/sign-in`, {
    data: { login: 'admin', password: ADMIN_PASSWORD },
  });
  expect(signedIn.ok()).toBe(true);
  const { accessToken } = (await signedIn.json()) as { accessToken: string };
  return async (path: string, data: object) => {
    const response = await request.post(`${loginUrl}${path}`, {
      data,
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
    });
    expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
    return (await response.json()) as Record<string, unknown>;
  };
}
