/**
 * Copies text in response to the user's click: the async clipboard where the document allows it,
 * else a selection copy from a hidden field put in `into` (the card's shadow root keeps it out of the
 * page) and focus given back where it was.
 */
export async function copyText(text: string, doc: Document = document, into?: Document | ShadowRoot | Element): Promise<void> {
  try {
    await doc.defaultView?.navigator.clipboard.writeText(text);
    return;
  } catch {
    // An insecure page, an unfocused document or no permission: the selection copy below.
  }
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.cssText = 'position:fixed;opacity:0;pointer-events:none';
  const root = into ?? doc.body ?? doc.documentElement;
  const back = ('activeElement' in root ? root.activeElement : doc.activeElement) as HTMLElement | null;
  root.append(area);
  area.select();
  const ok = doc.execCommand('copy');
  area.remove();
  back?.focus();
  if (!ok) throw new Error('The clipboard is not available.');
}
