// Node's own import(), loaded with require() so that no bundler or test runner
// rewrites it: the module customization hooks (ts-hooks.js) apply only to it.
module.exports = (url) => import(url);
