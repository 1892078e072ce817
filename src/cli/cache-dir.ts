// The one implementation lives in src/files/cache.js (plain JS, usable before TypeScript loads).
export { findCacheDir as cacheDir } from '../files/cache.js';
