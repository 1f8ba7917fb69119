// Mounting Preact UI in happy-dom for component tests: render inside act(), let promise-driven renders
// finish, and unmount inside act() after each test (no effect is left waiting for a frame).
import { type ComponentChild, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach } from 'vitest';

const mounted: HTMLElement[] = [];

afterEach(async () => {
  for (const el of mounted.splice(0)) {
    await act(async () => {
      render(null, el);
    });
    el.remove();
  }
});

/** Lets promise-driven renders finish. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(async () => await Promise.resolve());
}

/** Renders `ui` into a fresh element in the document; it is unmounted after the test. */
export async function mount(ui: ComponentChild): Promise<HTMLElement> {
  const el = document.createElement('div');
  document.body.append(el);
  mounted.push(el);
  await act(async () => {
    render(ui, el);
  });
  await settle();
  return el;
}

/** Clicks `el` inside act() and lets what it started finish. */
export async function click(el: Element | null | undefined): Promise<void> {
  if (!el) throw new Error('nothing to click');
  await act(async () => {
    (el as HTMLElement).click();
  });
  await settle();
}
