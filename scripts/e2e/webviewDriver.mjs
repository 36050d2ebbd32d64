// What the extension-host suites cannot do themselves: click inside a webview. The suites run in
// VS Code's extension host, which has no way into a webview's DOM, so the runner (run.mjs), which
// holds the workbench's page in Playwright, answers their requests over loopback HTTP:
//
//   POST {INCIDENT_MARKUP_E2E_DRIVER}/webview/click  {"page": SELECTOR, "target": SELECTOR}
//
// clicks `target` inside the webview whose page has an element matching `page`, as a user's mouse
// would (Playwright waits until it is visible, stable and not covered), and answers 200 once the
// click is dispatched, or 500 with what went wrong. The suite then waits for the click's effect.
import { createServer } from 'node:http';

export const DRIVER_ENV = 'INCIDENT_MARKUP_E2E_DRIVER';

/**
 * VS Code 1.96 nests a webview's page two frames down: the workbench's `iframe.webview` (one
 * per webview, hidden ones included) holds the `iframe#active-frame` with the extension's HTML.
 */
async function webviewFrame(page, pageSelector) {
  const outer = page.frameLocator('iframe.webview');
  const count = await page.locator('iframe.webview').count();
  for (let index = 0; index < count; index++) {
    const inner = outer.nth(index).frameLocator('iframe#active-frame');
    if ((await inner.locator(pageSelector).count()) > 0) return inner;
  }
  throw new Error(`none of the ${count} webview(s) shows a page with ${pageSelector}`);
}

async function readJson(request) {
  let body = '';
  for await (const chunk of request) body += chunk;
  return JSON.parse(body);
}

/** Starts the driver on a free loopback port; `attach(page)` gives it the workbench's page once there is one. */
export async function startWebviewDriver() {
  let page;
  const server = createServer(async (request, response) => {
    const answer = (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    try {
      if (request.method !== 'POST' || request.url !== '/webview/click') return answer(404, { error: `no ${request.method} ${request.url}; POST /webview/click` });
      if (!page) return answer(503, { error: 'the runner has no workbench page yet' });
      const { page: pageSelector, target } = await readJson(request);
      const frame = await webviewFrame(page, pageSelector);
      await frame.locator(target).click({ timeout: 30_000 });
      answer(200, { clicked: target });
    } catch (error) {
      answer(500, { error: String(error?.message ?? error) });
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    attach(workbenchPage) {
      page = workbenchPage;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
