/**
 * Lets `node --import ./test/metamorphic/register.mjs FILE.ts` run the suite's TypeScript without a
 * build step (Node 20 cannot strip types itself): see ts-loader.mjs.
 */
import { register } from "node:module";

register("./ts-loader.mjs", import.meta.url);
