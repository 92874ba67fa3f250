// Finds what a person would see cut off or pushed off-screen: a page that scrolls sideways, an element
// that reaches past the right edge of the window, or a box that hides part of its own content.
import type { Locator } from 'playwright-core';
import type { ExtensionPage } from './extension-api.js';

export async function layoutProblems(page: ExtensionPage): Promise<string[]> {
  // Both playwright's and puppeteer's pages evaluate a function without arguments alike.
  return (page.evaluate as (fn: () => string[]) => Promise<string[]>).call(page, () => {
    const problems: string[] = [];
    const root = document.documentElement;
    const width = root.clientWidth;
    if (root.scrollWidth > width + 1) problems.push(`the page scrolls sideways (${root.scrollWidth} px in ${width} px)`);
    const name = (el: Element) => {
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}">${text}`;
    };
    for (const el of document.querySelectorAll('body *')) {
      if (!(el instanceof HTMLElement) || el.closest('[hidden], .visually-hidden, dialog:not([open])')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      // Clipped away on purpose (read by screen readers only).
      if (el.closest('thead, tr, table') && getComputedStyle(el.closest('thead') ?? el).clipPath !== 'none') continue;
      if (box.right > width + 1) problems.push(`${name(el)} reaches past the window (${Math.round(box.right)} > ${width})`);
      const style = getComputedStyle(el);
      // A box that clips (hidden, clip, ellipsis) or scrolls sideways hides part of what it holds.
      if (['hidden', 'clip', 'auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
        problems.push(`${name(el)} hides part of its content (${el.scrollWidth} px in ${el.clientWidth} px)`);
      }
    }
    return problems;
  });
}

/** Whether a person can see and click the element: inside the window, neither covered nor clipped. */
export async function fullyVisible(element: Locator): Promise<boolean> {
  return element.evaluate((el) => {
    const box = el.getBoundingClientRect();
    if (box.left < 0 || box.right > document.documentElement.clientWidth) return false;
    // Every corner (just inside) must hit the element itself, not a clipping parent or a cover.
    const inset = 2;
    const points: [number, number][] = [
      [box.left + inset, box.top + inset], [box.right - inset, box.top + inset],
      [box.left + inset, box.bottom - inset], [box.right - inset, box.bottom - inset],
    ];
    return points.every(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && (hit === el || el.contains(hit));
    });
  });
}
