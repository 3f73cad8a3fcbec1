/**
 * The review dataset shipped with the extension. The JSON is imported, so esbuild bundles it into dist/ and tests read
 * the same file through tsx: no file-system access at run time.
 */
import raw from '../../../data/review.json';
import { createDataset, type Dataset } from './dataset';

let bundled: Dataset | undefined;

/** The bundled dataset, validated once and cached; throws DatasetError if data/review.json is malformed. */
export function loadBundledDataset(): Dataset {
  bundled ??= createDataset(raw);
  return bundled;
}
