import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import spec from '../../../src/server/openapi.json';

/**
 * Checks the fake server's answers against src/server/openapi.json, the document the real
 * server's answers are written to: the route must be one the document has, the status one it
 * lists for it (or its `default`), and a JSON body must match the schema of that status and
 * content type. A test's fake answer that the server could not give makes it test nothing.
 *
 * Formats ("date", "uri-reference") are not checked: the document's types, required fields,
 * enumerations and bounds are.
 */

type Schema = Record<string, unknown>;
type MediaType = { schema?: Schema };
type ResponseObject = { $ref?: string; content?: Record<string, MediaType> };
type Operation = { responses?: Record<string, ResponseObject> };
type PathItem = Record<string, Operation>;

const document = spec as unknown as {
  paths: Record<string, PathItem>;
  components: { responses?: Record<string, ResponseObject> };
};

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(document, 'openapi.json');
const compiled = new Map<string, ValidateFunction>();

/** A JSON pointer's segment, escaped as RFC 6901 and then as a URI fragment. */
const pointer = (segments: string[]) =>
  segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

/** The document's path template for a concrete path: literal segments win over parameters. */
function template(path: string): string | undefined {
  const parts = path.split('/');
  let best: string | undefined;
  let bestLiterals = -1;
  for (const candidate of Object.keys(document.paths)) {
    const pattern = candidate.split('/');
    if (pattern.length !== parts.length) continue;
    let literals = 0;
    const fits = pattern.every((segment, i) => {
      if (segment.startsWith('{') && segment.endsWith('}')) return parts[i] !== '';
      if (segment !== parts[i]) return false;
      literals += 1;
      return true;
    });
    if (fits && literals > bestLiterals) {
      best = candidate;
      bestLiterals = literals;
    }
  }
  return best;
}

/** What openapi.json does not allow in this answer, or an empty list. */
export function violations(method: string, path: string, status: number, contentType: string, body: string): string[] {
  const where = `${method} ${path} → ${status}`;
  const pathTemplate = template(path);
  const operation = pathTemplate ? document.paths[pathTemplate][method.toLowerCase()] : undefined;
  if (!pathTemplate || !operation) return [`${method} ${path} is not an operation of openapi.json`];
  const code = String(status) in (operation.responses ?? {}) ? String(status) : 'default';
  let response = operation.responses?.[code];
  if (!response) return [`${where}: openapi.json lists no such status for ${method} ${pathTemplate}`];
  let location = ['paths', pathTemplate, method.toLowerCase(), 'responses', code];
  if (response.$ref) {
    const name = response.$ref.replace('#/components/responses/', '');
    response = document.components.responses?.[name] ?? {};
    location = ['components', 'responses', name];
  }
  if (body === '') return [];
  const mediaType = contentType.split(';')[0].trim();
  const media = Object.keys(response.content ?? {}).find((type) => type.split(';')[0].trim() === mediaType);
  if (!media) return [`${where}: openapi.json gives no ${mediaType || 'body'} for it`];
  if (!mediaType.endsWith('json') || !response.content?.[media].schema) return [];
  const ref = `openapi.json#/${pointer([...location, 'content', media, 'schema'])}`;
  let validate = compiled.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    compiled.set(ref, validate);
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return [`${where}: the body is not JSON: ${body.slice(0, 80)}`];
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${where}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`);
}

const found: string[] = [];

/** Checks one answer of the fake server and remembers what openapi.json does not allow. */
export async function checkAnswer(method: string, url: string, answer: Response): Promise<void> {
  const path = new URL(url, 'http://kam.test').pathname;
  const body = await answer.clone().text();
  found.push(...violations(method, path, answer.status, answer.headers.get('Content-Type') ?? '', body));
}

/** What the answers since the last call broke, and forgets them. */
export function takeViolations(): string[] {
  return found.splice(0, found.length);
}
