// Accessibility checks run inside a page, after rules of axe-core (which this project does not
// install): each returns what a person with a screen reader, a keyboard or low vision would hit.
// Rules: scrollable-region-focusable, region, landmark-one-main, button-name, label, image-alt,
// duplicate-id, list, aria-hidden-focus, color-contrast (solid backgrounds; AA: 4.5, large text 3).
import type { ExtensionPage } from './extension-api.js';

export async function a11yViolations(page: ExtensionPage): Promise<string[]> {
  // Both playwright's and puppeteer's pages evaluate a function without arguments alike.
  return (page.evaluate as (fn: () => string[]) => Promise<string[]>).call(page, () => {
    const problems: string[] = [];
    const describe = (el: Element) => {
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} class="${el.getAttribute('class') ?? ''}">${text}`;
    };
    const visible = (el: Element) => el instanceof HTMLElement && el.checkVisibility({ visibilityProperty: true })
      && !el.closest('[aria-hidden="true"], .visually-hidden');
    const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
    const name = (el: Element) => {
      const labelledby = el.getAttribute('aria-labelledby');
      if (labelledby) return labelledby.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
      return (el.getAttribute('aria-label') ?? el.getAttribute('title') ?? (el as HTMLElement).innerText ?? '').trim();
    };
    const all = [...document.querySelectorAll('body *')];
    // A dialog open modally makes the rest inert: check only it.
    const modal = document.querySelector('dialog[open]');
    const scope = modal ? all.filter((el) => modal.contains(el)) : all;

    // scrollable-region-focusable
    for (const el of scope) {
      if (!visible(el) || !(el instanceof HTMLElement)) continue;
      const style = getComputedStyle(el);
      const scrolls = (['auto', 'scroll'].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1)
        || (['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1);
      if (scrolls && !el.matches(FOCUSABLE) && !el.querySelector(FOCUSABLE)) problems.push(`scrollable-region-focusable: ${describe(el)}`);
    }
    // landmark-one-main, region
    if (!modal) {
      const mains = document.querySelectorAll('main, [role=main]');
      if (mains.length !== 1) problems.push(`landmark-one-main: ${mains.length} main landmarks`);
      const LANDMARK = 'header, main, nav, footer, aside, [role=banner], [role=main], [role=navigation], [role=contentinfo], [role=complementary], [role=search], [role=region][aria-label], [role=region][aria-labelledby], section[aria-label], section[aria-labelledby], dialog';
      for (const el of all) {
        if (!visible(el) || el.closest(LANDMARK)) continue;
        const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
        if (ownText || el.matches('img[alt]:not([alt=""]), input, button, select')) problems.push(`region: ${describe(el)} is outside every landmark`);
      }
    }
    for (const el of scope) {
      if (!visible(el)) continue;
      // button-name, label, image-alt
      if (el.matches('button, [role=button], a[href]') && name(el) === '') problems.push(`button-name: ${describe(el)}`);
      if (el.matches('input:not([type=hidden]):not([type=button]):not([type=submit]), select, textarea')) {
        const labelled = (el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
        if (!labelled) problems.push(`label: ${describe(el)}`);
      }
      if (el.matches('img') && !el.hasAttribute('alt')) problems.push(`image-alt: ${describe(el)}`);
      // list
      if (el.matches('ul, ol') && [...el.children].some((c) => !c.matches('li, script, template'))) problems.push(`list: ${describe(el)}`);
    }
    // duplicate-id
    const ids = new Map<string, number>();
    for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
    for (const [id, n] of ids) if (n > 1) problems.push(`duplicate-id: #${id} ×${n}`);
    // aria-hidden-focus
    for (const hidden of document.querySelectorAll('[aria-hidden="true"]')) {
      for (const f of hidden.querySelectorAll(FOCUSABLE)) if ((f as HTMLElement).checkVisibility()) problems.push(`aria-hidden-focus: ${describe(f)}`);
    }

    // color-contrast
    const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    const rgba = (css: string): [number, number, number, number] => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = '#000';
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      return [r!, g!, b!, a! / 255];
    };
    const luminance = ([r, g, b]: number[]) => {
      const c = [r!, g!, b!].map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
    };
    const blend = (top: [number, number, number, number], under: number[]) =>
      [0, 1, 2].map((i) => top[i]! * top[3] + under[i]! * (1 - top[3]));
    const backgroundOf = (el: Element): number[] | undefined => {
      const layers: [number, number, number, number][] = [];
      for (let node: Element | null = el; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.backgroundImage !== 'none' || Number(style.opacity) < 1) return undefined;
        const color = rgba(style.backgroundColor);
        if (color[3] > 0) layers.push(color);
        if (color[3] === 1) break;
      }
      let base = [255, 255, 255];
      for (const layer of layers.reverse()) base = blend(layer, base);
      return base;
    };
    for (const el of scope) {
      if (!visible(el) || el.closest(':disabled, [aria-disabled="true"]')) continue;
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      if (!ownText) continue;
      const style = getComputedStyle(el);
      const background = backgroundOf(el);
      if (!background) continue;
      const fg = blend(rgba(style.color), background);
      const [l1, l2] = [luminance(fg), luminance(background)].sort((a, b) => b - a);
      const ratio = (l1! + 0.05) / (l2! + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) problems.push(`color-contrast: ${describe(el)} ${ratio.toFixed(2)}:1`);
    }
    return problems;
  });
}
