// The entry esbuild bundles feedsmith from (npm) for the browser: bench/run.sh writes the
// bundle beside the wasm module. Only the parser is needed.
export { parseFeed } from 'feedsmith';
