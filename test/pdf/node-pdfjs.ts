// pdf.js for Node (tests and the bench): its legacy build, after the one polyfill Node 20 needs
// (pdf.js 6 uses Promise.withResolvers, which Node has from 22).
import type { PdfjsLike } from '../../lib/pdf/load';

type WithResolvers = <T>() => { promise: Promise<T>; resolve: (value: T) => void; reject: (reason?: unknown) => void };

export async function nodePdfjs(): Promise<PdfjsLike> {
  const P = Promise as unknown as { withResolvers?: WithResolvers };
  if (!P.withResolvers) {
    P.withResolvers = <T>() => {
      let resolve!: (value: T) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      return { promise, resolve, reject };
    };
  }
  return await import('pdfjs-dist/legacy/build/pdf.mjs');
}
