/**
 * The backend the library uses when the caller gives none. The npm build maps
 * ./deno_backend.ts to ./node_backend.ts here, as dnt's `mappings` would.
 *
 * @module
 */

import type { Backend } from "./backend.ts";
import { createNativeBackend } from "./deno_backend.ts";

let backend: Backend | undefined;

/** The one native backend of this process, made on first use. */
export function defaultBackend(): Backend {
  return backend ??= createNativeBackend();
}
