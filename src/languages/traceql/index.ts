export { parseTraceQL, type TraceQLParseResult } from './parse.js';
