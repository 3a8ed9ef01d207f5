/**
 * Finds text that does not fit its box in a rendered page, for the report screenshot tests.
 * Runs inside the browser (passed to page.evaluate), so it must be self-contained.
 *
 * - SVG: every <text> (tick labels, titles, bar labels) must lie inside its root <svg>'s
 *   viewBox (or width × height): its bounding box, mapped to the root's user space, may not
 *   cross an edge by more than 1 px — that is what a cut-off lever name or heatmap header is.
 *   A label ending in "…" counts too (text shortened to fit is text the reader cannot read).
 * - HTML: no element with visible overflow may have content wider than its box
 *   (scrollWidth > clientWidth + 1), and the page may not scroll sideways. Containers that
 *   scroll on purpose (overflow-x: auto or scroll, like the wide headline table) are allowed.
 */
export interface Overflow {
  where: string;
  text: string;
  detail: string;
}

export function findTextOverflows(): Overflow[] {
  const problems: Overflow[] = [];
  const where = (el: Element) => {
    const section = el.closest('section[id]');
    return section ? `#${section.id}` : el.tagName.toLowerCase();
  };
  for (const svg of Array.from(document.querySelectorAll('svg'))) {
    if (svg.parentElement?.closest('svg')) continue;
    const vb = svg.viewBox.baseVal;
    const hasViewBox = vb !== null && vb.width > 0 && vb.height > 0;
    const x0 = hasViewBox ? vb.x : 0;
    const y0 = hasViewBox ? vb.y : 0;
    const w = hasViewBox ? vb.width : svg.width.baseVal.value;
    const h = hasViewBox ? vb.height : svg.height.baseVal.value;
    const rootInverse = svg.getScreenCTM()?.inverse();
    for (const t of Array.from(svg.querySelectorAll('text'))) {
      const text = (t.textContent ?? '').trim();
      if (text === '') continue;
      if (/…$/.test(text)) problems.push({ where: where(svg), text, detail: 'shortened with an ellipsis' });
      const b = t.getBBox();
      if (b.width === 0 && b.height === 0) continue;
      const m = t.getScreenCTM();
      if (!m || !rootInverse) continue;
      const toRoot = rootInverse.multiply(m);
      const xs: number[] = [];
      const ys: number[] = [];
      for (const [px, py] of [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]) {
        const p = new DOMPoint(px, py).matrixTransform(toRoot);
        xs.push(p.x);
        ys.push(p.y);
      }
      const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      const tol = 1;
      if (left < x0 - tol || right > x0 + w + tol || top < y0 - tol || bottom > y0 + h + tol) {
        problems.push({
          where: where(svg),
          text,
          detail: `box x ${left.toFixed(1)}–${right.toFixed(1)}, y ${top.toFixed(1)}–${bottom.toFixed(1)} outside the ${w.toFixed(0)}×${h.toFixed(0)} chart`,
        });
      }
    }
  }
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    if (el.closest('svg')) continue;
    const html = el as HTMLElement;
    const cs = getComputedStyle(html);
    if (cs.display === 'inline' || cs.display === 'none') continue;
    if (cs.overflowX === 'auto' || cs.overflowX === 'scroll') continue;
    let scroller = false;
    for (let p = html.parentElement; p && !scroller; p = p.parentElement) scroller = ['auto', 'scroll'].includes(getComputedStyle(p).overflowX);
    if (scroller) continue;
    if (html.scrollWidth > html.clientWidth + 1 && html.clientWidth > 0) {
      // report the innermost element only: its parents overflow because of it
      const child = Array.from(html.children).some((c) => (c as HTMLElement).scrollWidth > (c as HTMLElement).clientWidth + 1);
      if (!child) problems.push({ where: where(html), text: (html.textContent ?? '').trim().slice(0, 80), detail: `content ${html.scrollWidth}px wide in a ${html.clientWidth}px ${html.tagName.toLowerCase()}` });
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    problems.push({ where: 'page', text: '', detail: `the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window` });
  }
  return problems;
}
