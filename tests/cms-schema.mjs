// Validates a CMS configuration (JSON, which is YAML too) against the JSON schema Sveltia CMS
// ships in its npm package: `node tests/cms-schema.mjs CONFIG`. Exits 1 and prints the errors
// when it does not validate. Needs tests/tools/ (bash tests/run installs it).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('./tools/', import.meta.url));
const Ajv = require('ajv');
const addFormats = require('ajv-formats');
const schema = JSON.parse(
  readFileSync(new URL('./tools/node_modules/@sveltia/cms/schema/sveltia-cms.json', import.meta.url), 'utf8'),
);
const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addFormat('regex', true);
const validate = ajv.compile(schema);
if (validate(config)) {
  console.log('valid');
} else {
  console.log(JSON.stringify(validate.errors.slice(0, 20), null, 1));
  process.exit(1);
}
