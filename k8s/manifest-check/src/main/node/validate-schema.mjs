// Validates Kubernetes objects against the Kubernetes OpenAPI schema compiled into the npm package
// kubernetes-models (types, formats, required fields). The Java manifest checker runs it:
// stdin is a JSON array of objects, stdout a JSON array with one entry per object:
//   { "known": false }                                  no model for this apiVersion and kind
//   { "known": true, "errors": [{ "path", "keyword", "message" }] }
// Unknown fields are not reported here (the OpenAPI schema allows them); the Java side does that.
import { readFileSync } from "node:fs";

const modelModules = new Map();

async function modelFor(apiVersion, kind) {
  const validApiVersion = typeof apiVersion === "string" && /^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion);
  if (!validApiVersion || typeof kind !== "string" || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    return undefined;
  }
  // One module per kind: loading a whole group version costs seconds.
  const specifier = `kubernetes-models/${apiVersion}/${kind}`;
  if (!modelModules.has(specifier)) {
    modelModules.set(specifier, await import(specifier).catch(() => ({})));
  }
  const model = modelModules.get(specifier)[kind];
  return typeof model === "function" && model.kind === kind && model.apiVersion === apiVersion ? model : undefined;
}

function describe(error) {
  const path = error.instancePath === "" ? "/" : error.instancePath;
  if (error.keyword === "required") {
    return { path, keyword: "required", message: `missing required field ${error.params.missingProperty}` };
  }
  return { path, keyword: error.keyword, message: error.message };
}

const objects = JSON.parse(readFileSync(0, "utf8"));
const results = [];
for (const object of objects) {
  const Model = await modelFor(object?.apiVersion, object?.kind);
  if (Model === undefined) {
    results.push({ known: false });
    continue;
  }
  const validationErrors = [];
  try {
    new Model(object).validate();
  } catch (error) {
    if (!Array.isArray(error.errors)) {
      throw error;
    }
    validationErrors.push(...error.errors.map(describe));
  }
  results.push({ known: true, errors: validationErrors });
}
process.stdout.write(JSON.stringify(results));
