// What the extension-host suites cannot do themselves: click and type inside a webview. The suites run in
// VS Code's extension host, which has no way into a webview's DOM, so the runner (run.mjs), which
// holds the workbench's page in Playwright, answers their requests over loopback HTTP:
//
//   POST {INCIDENT_MARKUP_E2E_DRIVER}/webview/click  {"page": SELECTOR, "target": SELECTOR}
//
// clicks `target` inside the webview whose page has an element matching `page`, as a user's mouse
// would (Playwright waits until it is visible, stable and not covered), and answers 200 once the
// click is dispatched, or 500 with what went wrong. The suite then waits for the click's effect.
//
//   POST {INCIDENT_MARKUP_E2E_DRIVER}/webview/screenshot
//        {"page": SELECTOR, "area": "workbench" | "webview", "workbenchReady": [SELECTOR…],
//         "webviewReady": [SELECTOR…], "scrollToTop": true}
//
// waits until every `workbenchReady` selector matches in the workbench and every `webviewReady`
// one in the webview (how the suite says what the picture must show, such as the theme's class on
// the webview's body after a theme change: the page's own state, never a delay), scrolls the
// webview's page to its top if asked, and answers 200 with a PNG of the whole workbench (the
// VIEWPORT's size) or of the webview's area alone.
//
//   POST {INCIDENT_MARKUP_E2E_DRIVER}/webview/fill  {"page": SELECTOR, "target": SELECTOR, "value": TEXT}
//
// puts `value` into the field `target` inside that webview as a user typing or pasting it would:
// Playwright focuses the field, replaces its text and sends it the `input` event; 200 once done.
//
//   POST {INCIDENT_MARKUP_E2E_DRIVER}/webview/wait  {"page": SELECTOR, "ready": [SELECTOR…], "values": [SELECTOR…]}
//
// waits until there is such a webview (one shown again is loaded anew) and every `ready` selector
// matches an element inside it, shown or not (a selector can say `.hidden`), 30 s at most each;
// then answers 200 with `values`, each field's current value (what the page shows in it, which no
// selector sees), and `timeOrigin`, when the webview's page was loaded (performance.timeOrigin): a
// page that VS Code discarded and loaded again has a later one. 500 says what did not appear.
//
//   POST {INCIDENT_MARKUP_E2E_DRIVER}/workbench/click  {"target": SELECTOR}
//
// clicks `target` in the workbench itself (outside any webview), such as an editor's tab.
import { createServer } from 'node:http';

export const DRIVER_ENV = 'INCIDENT_MARKUP_E2E_DRIVER';

/** The workbench page's size, which is also the size of a screenshot of it (the README's pictures). */
export const VIEWPORT = { width: 1500, height: 1000 };

/**
 * VS Code 1.96 nests a webview's page two frames down: the workbench's `iframe.webview` (one
 * per webview, hidden ones included) holds the `iframe#active-frame` with the extension's HTML.
 */
async function webviewFrame(page, pageSelector) {
  const outer = page.frameLocator('iframe.webview');
  const count = await page.locator('iframe.webview').count();
  for (let index = 0; index < count; index++) {
    const inner = outer.nth(index).frameLocator('iframe#active-frame');
    if ((await inner.locator(pageSelector).count()) > 0) return { frame: inner, element: page.locator('iframe.webview').nth(index) };
  }
  throw new Error(`none of the ${count} webview(s) shows a page with ${pageSelector}`);
}

/**
 * webviewFrame, once there is such a webview: looked for every 100 ms, 30 s at most. No event says
 * when a page in a nested frame sets the attribute `pageSelector` looks for.
 */
async function waitForWebview(page, pageSelector) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await webviewFrame(page, pageSelector);
    } catch (error) {
      if (Date.now() >= deadline) throw new Error(`${error.message} after 30 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Waits for each selector to match in `root` (the workbench page or a webview frame), saying which
 * one did not: a visible element, or with `state` 'attached' any (a row the filters hide).
 */
async function waitForAll(root, selectors = [], where, state = 'visible') {
  for (const selector of selectors) {
    await root
      .locator(selector)
      .first()
      .waitFor({ state, timeout: 30_000 })
      .catch((error) => {
        throw new Error(`${selector} did not appear in the ${where} within 30 s (${error.message.split('\n')[0]})`);
      });
  }
}

async function screenshot(page, { page: pageSelector, area = 'workbench', workbenchReady, webviewReady, scrollToTop }) {
  if (area !== 'workbench' && area !== 'webview') throw new Error(`area is "workbench" or "webview", not ${JSON.stringify(area)}`);
  await waitForAll(page, workbenchReady, 'workbench');
  const { frame, element } = await webviewFrame(page, pageSelector);
  await waitForAll(frame, webviewReady, 'webview');
  // A selected row is scrolled into view; the picture shows the page from its top.
  if (scrollToTop) await frame.locator('html').evaluate(() => window.scrollTo(0, 0));
  return area === 'webview' ? element.screenshot() : page.screenshot();
}

/** Waits for `ready` inside the webview, then reads what the page shows in the `values` fields and when it was loaded. */
async function waitInWebview(page, { page: pageSelector, ready = [], values = [] }) {
  const { frame } = await waitForWebview(page, pageSelector);
  await waitForAll(frame, ready, 'webview', 'attached');
  const read = {};
  for (const selector of values) read[selector] = await frame.locator(selector).inputValue({ timeout: 30_000 });
  return { values: read, timeOrigin: await frame.locator('html').evaluate(() => performance.timeOrigin) };
}

async function readJson(request) {
  let body = '';
  for await (const chunk of request) body += chunk;
  return JSON.parse(body);
}

const ROUTES = ['/webview/click', '/webview/fill', '/webview/wait', '/webview/screenshot', '/workbench/click'];

/** Starts the driver on a free loopback port; `attach(page)` gives it the workbench's page once there is one. */
export async function startWebviewDriver() {
  let page;
  const server = createServer(async (request, response) => {
    const answer = (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    try {
      const route = request.method === 'POST' ? request.url : undefined;
      if (!ROUTES.includes(route)) return answer(404, { error: `no ${request.method} ${request.url}; POST ${ROUTES.join(', ')}` });
      if (!page) return answer(503, { error: 'the runner has no workbench page yet' });
      const body = await readJson(request);
      if (route === '/webview/screenshot') {
        const png = await screenshot(page, body);
        response.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
        return response.end(png);
      }
      if (route === '/webview/wait') return answer(200, await waitInWebview(page, body));
      if (route === '/workbench/click') {
        await page.locator(body.target).first().click({ timeout: 30_000 });
        return answer(200, { clicked: body.target });
      }
      const { frame } = await webviewFrame(page, body.page);
      if (route === '/webview/fill') {
        await frame.locator(body.target).fill(String(body.value), { timeout: 30_000 });
        return answer(200, { filled: body.target });
      }
      await frame.locator(body.target).click({ timeout: 30_000 });
      answer(200, { clicked: body.target });
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
