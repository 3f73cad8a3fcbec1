/**
 * The CSL style and locale the extension ships (data/csl/, CC BY-SA 3.0, from @citation-js/plugin-csl: see
 * data/csl/README.md), as strings: imported JSON, so every bundler and test runner reads them the same way.
 */
import localeEnUs from '../../../../data/csl/locale-en-US.json';
import vancouver from '../../../../data/csl/vancouver.json';
import type { CitationStyle } from './referenceFormatter';

/** The names `secretome.citationStyle` accepts besides a path to a .csl file. */
export type BundledStyleName = 'vancouver';

export const defaultStyleName: BundledStyleName = 'vancouver';

export const bundledStyles: Readonly<Record<BundledStyleName, CitationStyle>> = {
  vancouver: { name: 'vancouver', xml: vancouver.xml },
};

/** CSL locales by tag; citeproc asks for the style's locale and falls back to en-US. */
export const bundledLocales: Readonly<Record<string, string>> = {
  'en-US': localeEnUs.xml,
};

export function isBundledStyleName(name: string): name is BundledStyleName {
  return Object.prototype.hasOwnProperty.call(bundledStyles, name);
}
