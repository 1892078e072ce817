// The tests build with whole-document validation (issue 15): the builders' output is checked against the schema in every test build.
import { setDefaultValidation } from '../../src/build.js';

setDefaultValidation('full');
