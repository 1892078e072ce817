export { parseLogQL, type LogQLParseResult } from './parse.js';
