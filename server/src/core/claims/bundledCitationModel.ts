/**
 * The bundled citation-worthiness model (data/citationWorthiness.json, written by `npm run train`), dequantised on
 * first use. esbuild bundles the JSON into the server, so nothing is read at run time.
 */
import raw from '../../../../data/citationWorthiness.json';
import { loadModel, type CitationWorthinessModel, type LoadedModel } from './citationWorthiness';

let loaded: LoadedModel | undefined;

export function bundledCitationModel(): LoadedModel {
  loaded ??= loadModel(raw as CitationWorthinessModel);
  return loaded;
}
