/** Text -> determination model: the stages are in parse/ (parse/index.ts describes them). */
export { parseDetermination, parseWithLineStarts } from './parse/index';
