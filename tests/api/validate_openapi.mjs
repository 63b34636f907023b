// Validates KAM's OpenAPI document (src/server/openapi.json): first against the OpenAPI 3.1
// schema with every $ref resolved (SwaggerParser.validate), then the rules the schema does not
// check: each {placeholder} of a path declared as a required path parameter and nothing more,
// no two paths that differ only in placeholder names, unique operationIds, a summary and a
// success response on every operation, security schemes that exist, and the CSRF header on
// every change made through the session cookie.
//
//   node tests/api/validate_openapi.mjs src/server/openapi.json
//
// Exits 0 and prints a one-line summary when the document is valid; otherwise exits 1 and
// names every problem.

import { readFile } from "node:fs/promises";
import process from "node:process";

import SwaggerParser from "@apidevtools/swagger-parser";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const SAFE_METHODS = new Set(["get", "head", "options", "trace"]);

function fail(file, problems) {
  console.error(`openapi: ${file} is not a valid OpenAPI document:`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}

// The rules beyond the schema, on the dereferenced document.
function checkRules(api) {
  const problems = [];
  const schemes = api.components?.securitySchemes ?? {};
  const operationIds = new Map();
  const shapes = new Map();
  let operations = 0;

  if (!String(api.openapi).startsWith("3.1.")) {
    problems.push(`openapi is ${api.openapi}; KAM's document is OpenAPI 3.1`);
  }
  const checkSecurity = (where, security, unsafe) => {
    for (const requirement of security ?? []) {
      for (const name of Object.keys(requirement)) {
        if (!(name in schemes)) problems.push(`${where}: security scheme '${name}' is not defined`);
      }
      if (unsafe && "sessionCookie" in requirement && !("csrfToken" in requirement)) {
        problems.push(`${where}: a change through the session cookie must also require csrfToken`);
      }
    }
  };
  checkSecurity("security", api.security, false);

  for (const [path, item] of Object.entries(api.paths ?? {})) {
    const placeholders = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const shape = path.replace(/\{[^}]+\}/g, "{}");
    if (shapes.has(shape)) {
      problems.push(`${path} and ${shapes.get(shape)} differ only in placeholder names`);
    } else {
      shapes.set(shape, path);
    }
    if (new Set(placeholders).size !== placeholders.length) {
      problems.push(`${path}: a placeholder appears twice`);
    }
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      ++operations;
      const where = `${method.toUpperCase()} ${path}`;
      if (!operation.operationId) {
        problems.push(`${where}: operationId is missing`);
      } else if (operationIds.has(operation.operationId)) {
        problems.push(
          `${where}: operationId '${operation.operationId}' is also used by ` +
            operationIds.get(operation.operationId),
        );
      } else {
        operationIds.set(operation.operationId, where);
      }
      if (!operation.summary || !operation.summary.trim()) problems.push(`${where}: summary is missing`);
      const statuses = Object.keys(operation.responses ?? {});
      if (!statuses.some((s) => /^(2\d\d|2XX)$/.test(s))) {
        problems.push(`${where}: no success (2xx) response`);
      }

      // Operation-level parameters override path-level ones with the same name and location.
      const parameters = new Map();
      for (const p of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        parameters.set(`${p.in}:${p.name}`, p);
      }
      const declared = [...parameters.values()].filter((p) => p.in === "path");
      for (const name of placeholders) {
        const p = declared.find((d) => d.name === name);
        if (!p) {
          problems.push(`${where}: path parameter '${name}' is not declared`);
        } else if (p.required !== true) {
          problems.push(`${where}: path parameter '${name}' must be required`);
        }
      }
      for (const p of declared) {
        if (!placeholders.includes(p.name)) {
          problems.push(`${where}: path parameter '${p.name}' is not in the path`);
        }
      }
      checkSecurity(where, operation.security ?? api.security, !SAFE_METHODS.has(method));
    }
  }
  return { problems, paths: Object.keys(api.paths ?? {}).length, operations };
}

async function main() {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: node validate_openapi.mjs <openapi.json>");
    process.exit(2);
  }
  let document;
  try {
    document = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    fail(file, [`cannot be read as JSON: ${error.message}`]);
  }
  let api;
  try {
    // validate() dereferences in place: give it a copy.
    api = await SwaggerParser.validate(structuredClone(document));
  } catch (error) {
    fail(file, String(error.message).split("\n").filter((line) => line.trim()));
  }
  const { problems, paths, operations } = checkRules(api);
  if (problems.length > 0) fail(file, problems);
  console.log(
    `openapi: ${file} is valid OpenAPI ${api.openapi} (${api.info.title} ${api.info.version}): ` +
      `${paths} paths, ${operations} operations`,
  );
}

await main();
