import type { BrowserContext, Page } from '@playwright/test';

// A caption bar over the page, for the video and the screenshots. It is aria-hidden and lets clicks
// through, so the role-based locators of the steps never see it; an init script puts it back on
// every document the context loads, from the text kept in sessionStorage.

const KEY = 'berth-demo-caption';
const ID = 'berth-demo-caption';

// Plain source, not a function: a transpiler's helpers (tsx names functions with __name) would not
// exist in the page.
const INSTALL = `(() => {
  const KEY = ${JSON.stringify(KEY)};
  const ID = ${JSON.stringify(ID)};
  const STYLE = ${JSON.stringify(
    [
      'position:fixed', 'left:50%', 'bottom:24px', 'transform:translateX(-50%)', 'z-index:2147483647',
      'max-width:80%', 'padding:10px 18px', 'border-radius:8px', 'background:rgba(17,24,39,.88)', 'color:#fff',
      'font:500 18px/1.4 system-ui,sans-serif', 'text-align:center', 'pointer-events:none', 'box-shadow:0 4px 16px rgba(0,0,0,.3)',
    ].join(';'),
  )};
  function draw() {
    const text = sessionStorage.getItem(KEY);
    let el = document.getElementById(ID);
    if (!text) { if (el) el.remove(); return; }
    if (!el) {
      el = document.createElement('div');
      el.id = ID;
      el.setAttribute('aria-hidden', 'true');
      el.style.cssText = STYLE;
      document.body.appendChild(el);
    }
    el.textContent = text;
  }
  window.__berthDemoCaption = draw;
  // After hydration, so that React finds the body as it rendered it.
  if (document.readyState === 'complete') draw();
  else window.addEventListener('load', draw, { once: true });
})();`;

export async function installCaptions(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: INSTALL });
}

/** Shows `text` (null hides it) on this page and on the pages it navigates to. */
export async function showCaption(page: Page, text: string | null): Promise<void> {
  await page.evaluate(
    ({ key, text }) => {
      // A page that is no document of the console yet (about:blank) has no storage to keep it in.
      if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
      if (text === null) sessionStorage.removeItem(key);
      else sessionStorage.setItem(key, text);
      (window as unknown as { __berthDemoCaption?: () => void }).__berthDemoCaption?.();
    },
    { key: KEY, text },
  );
}
